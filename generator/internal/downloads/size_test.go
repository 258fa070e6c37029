package downloads

import "testing"

func TestSizeOf(t *testing.T) {
	for _, tt := range []struct {
		bytes int64
		want  FileSize
	}{
		{0, FileSize{Unit: "bytes", Value: 0}},
		{999, FileSize{Unit: "bytes", Value: 999}},
		{1000, FileSize{Unit: "kb", Value: 1}},
		{415300, FileSize{Unit: "kb", Value: 415.3}},
		{999999, FileSize{Unit: "kb", Value: 999.999}},
		{1000000, FileSize{Unit: "mb", Value: 1}},
		{12345678, FileSize{Unit: "mb", Value: 12.345678}},
	} {
		if got := sizeOf(tt.bytes); got != tt.want {
			t.Errorf("sizeOf(%d) = %+v, want %+v", tt.bytes, got, tt.want)
		}
	}
}
