package downloads_test

import (
	"fmt"
	"testing"

	"github.com/transparency-report/site/generator/internal/downloads"
)

// BenchmarkWriteCSV writes a table shaped like requests.csv (a period, a
// country, a legal basis, counts, a share, a flag, a date) of 10,000 valid
// rows: the cost per cell of a download, which grows with periods ×
// countries × legal bases.
func BenchmarkWriteCSV(b *testing.B) {
	fields := []downloads.Field{textField, textField, textField, intField, intField, numberField, boolField, dateField}
	rows := make([][]any, 10000)
	for i := range rows {
		rows[i] = []any{"2026-Q3", fmt.Sprintf("C%03d", i%250), "court_order", int64(i), nil, float64(i%100) / 100, i%2 == 0, "2026-10-01"}
	}
	t := csvTable(fields, rows...)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := downloads.WriteCSV(t); err != nil {
			b.Fatal(err)
		}
	}
}
