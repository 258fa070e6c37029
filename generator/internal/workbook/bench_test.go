package workbook

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// BenchmarkRead reads a workbook of 10,000 request rows. There are fewer
// distinct countries, legal bases and segments than that, so the later rows
// repeat earlier ones and are reported as duplicates, which the benchmark
// includes.
func BenchmarkRead(b *testing.B) {
	tax := testhelp.ProjectTaxonomy(b)
	path := benchWorkbook(b, tax)
	for b.Loop() {
		var probs problem.List
		got := Read(path, tax, &probs)
		if len(got.Rows) == 0 {
			b.Fatalf("read no rows:\n%v", probs.Err())
		}
	}
	b.ReportMetric(benchRows, "rows/op")
}

// BenchmarkReadBaselineGetRows is the baseline for BenchmarkRead: the
// simplest way to read the same sheet with excelize, GetRows with formatted
// values, doing no validation at all. BenchmarkRead's time over this one is
// the cost of validating every cell.
func BenchmarkReadBaselineGetRows(b *testing.B) {
	tax := testhelp.ProjectTaxonomy(b)
	path := benchWorkbook(b, tax)
	for b.Loop() {
		f, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.GetRows(RequestsSheet)
		if err != nil || len(rows) <= benchRows {
			b.Fatalf("read %d rows: %v", len(rows), err)
		}
		f.Close()
	}
	b.ReportMetric(benchRows, "rows/op")
}

const benchRows = 10_000

// benchWorkbook writes a workbook of benchRows request rows.
func benchWorkbook(b *testing.B, tax *taxonomy.Taxonomy) string {
	b.Helper()
	const rowCount = benchRows
	codes := countries.All()
	segments := []string{""}
	for _, s := range tax.Segments {
		segments = append(segments, s.Key)
	}

	src := report.Source{Period: testhelp.MustPeriod(b, "2026-Q3"), Team: "bench"}
	for i := range rowCount {
		row := report.Row{
			Country:    codes[i%len(codes)],
			LegalBasis: tax.LegalBases[i/len(codes)%len(tax.LegalBases)].Key,
			Segment:    segments[i/(len(codes)*len(tax.LegalBases))%len(segments)],
			Requests:   report.Exactly(int64(i % 1000)),
			Accounts:   report.Exactly(int64(i % 1300)),
			Note:       "generated",
		}
		if i%2 == 0 {
			n := int64(i % 1000)
			row.Outcomes = report.ExactCounts(map[string]int64{"content": n / 4, "non_content": n / 4, "no_data": 0, "rejected": 0})
			row.Extraterritorial = ptr(n / 10)
		} else {
			row.DisclosedPercent = ptr(float64(i%1000) / 10)
		}
		src.Rows = append(src.Rows, row)
	}
	f, err := Build(tax, src)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "2026-Q3", "bench.xlsx")
	save(b, f, path)
	return path
}
