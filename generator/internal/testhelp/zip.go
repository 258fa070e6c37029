package testhelp

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"os"
	"testing"
)

// ZipEntry is one entry of a zip archive (an .xlsx is one) that a test
// reads or writes. Header, when not nil, may change the entry's header
// before it is written, to make a damaged file: a declared size or a
// checksum that lies.
type ZipEntry struct {
	Name   string
	Data   []byte
	Header func(*zip.FileHeader)
}

// ReadZip returns every entry of the zip archive at path, in order.
func ReadZip(t testing.TB, path string) []ZipEntry {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var entries []ZipEntry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, ZipEntry{Name: f.Name, Data: data})
	}
	return entries
}

// WriteZip writes the entries as a zip archive at path, each compressed and
// with the header its Header func makes of the true one.
func WriteZip(t testing.TB, path string, entries []ZipEntry) {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range entries {
		var packed bytes.Buffer
		fw, _ := flate.NewWriter(&packed, flate.BestSpeed)
		fw.Write(e.Data)
		fw.Close()
		h := &zip.FileHeader{Name: e.Name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(e.Data),
			CompressedSize64: uint64(packed.Len()), UncompressedSize64: uint64(len(e.Data))}
		if e.Header != nil {
			e.Header(h)
		}
		w, err := zw.CreateRaw(h)
		if err == nil {
			_, err = w.Write(packed.Bytes())
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
