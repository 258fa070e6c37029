package workbook

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

func TestReadFileProblems(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	template := func(period, team string, edit func(*excelize.File)) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			f, err := Template(tax, testhelp.MustPeriod(t, period), team)
			if err != nil {
				t.Fatal(err)
			}
			if edit != nil {
				edit(f)
			}
			save(t, f, path)
		}
	}
	for _, tc := range []struct {
		name  string
		file  string // under the temporary folder
		write func(t *testing.T, path string)
		want  []string
	}{
		{
			name:  "half-year workbook",
			file:  "sources/2023-H1/legacy.xlsx",
			write: template("2023-H1", "legacy", nil),
		},
		{
			name: "not a workbook",
			file: "sources/2026-Q3/x.xlsx",
			write: func(t *testing.T, path string) {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte("country,requests\nUS,3\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"sources/2026-Q3/x.xlsx: not an .xlsx workbook: the file is not a whole zip archive, as every .xlsx is; it is damaged, cut short or of another kind: save it again as .xlsx from the spreadsheet program"},
		},
		{
			name:  "period disagrees with folder",
			file:  "sources/2026-Q3/emea.xlsx",
			write: template("2026-Q2", "EMEA", nil),
			want:  []string{"sources/2026-Q3/emea.xlsx: About!B1: period 2026-Q2 disagrees with folder 2026-Q3"},
		},
		{
			name:  "folder is not a period",
			file:  "sources/latest/emea.xlsx",
			write: template("2026-Q3", "EMEA", nil),
			want:  []string{`sources/latest/emea.xlsx: folder name: "LATEST" is not a period such as 2026-Q3, 2026-H1 or 2026`},
		},
		{
			name:  "empty team",
			file:  "sources/2026-Q3/emea.xlsx",
			write: template("2026-Q3", "  ", nil),
			want:  []string{"sources/2026-Q3/emea.xlsx: About!B2: team is empty"},
		},
		{
			name: "missing sheet",
			file: "sources/2026-Q3/emea.xlsx",
			write: template("2026-Q3", "EMEA", func(f *excelize.File) {
				if err := f.DeleteSheet(NationalSecuritySheet); err != nil {
					t.Fatal(err)
				}
			}),
			want: []string{`sources/2026-Q3/emea.xlsx: National security: missing sheet: the workbook has the sheets "Instructions", "About", "Requests", "Challenges", "Notifications", "Lists"; give the sheet its name back, or start from the template`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			path := filepath.Join(root, filepath.FromSlash(tc.file))
			tc.write(t, path)
			var probs problem.List
			src := Read(path, tax, &probs)
			if diff := cmp.Diff(tc.want, problemLines(&probs, root)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if src.File != path {
				t.Errorf("File = %q, want %q", src.File, path)
			}
		})
	}
}
