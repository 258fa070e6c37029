package downloads

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Conform checks a CSV file against its Table Schema as a Frictionless
// validator would: the header names the fields in order, every value parses
// as its field's type (the empty string being the missing value), required
// values are present, values meet their constraints and the primary key is
// unique. It returns every problem, each prefixed with its line and column.
func Conform(s Schema, data []byte) []string {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1 // checked below, so that a wrong header is named as such
	var problems []string
	header, err := r.Read()
	if err != nil {
		return []string{fmt.Sprintf("header: %v", err)}
	}
	var names []string
	for _, f := range s.Fields {
		names = append(names, f.Name)
	}
	if !slices.Equal(header, names) {
		problems = append(problems, fmt.Sprintf("header is %q, want %q", header, names))
	}
	keyColumns := make([]int, len(s.PrimaryKey))
	for i, k := range s.PrimaryKey {
		keyColumns[i] = slices.Index(names, k)
		if keyColumns[i] < 0 {
			problems = append(problems, fmt.Sprintf("primary key field %q is not a field", k))
		}
	}
	if len(problems) > 0 {
		return problems
	}
	missing := func(v string) bool { return slices.Contains(s.MissingValues, v) }
	seen := map[string]int{}
	for {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			problems = append(problems, err.Error())
			break
		}
		if len(record) != len(s.Fields) {
			problems = append(problems, fmt.Sprintf("line %d: %d fields, want %d", line, len(record), len(s.Fields)))
			continue
		}
		for i, v := range record {
			if p := checkValue(s.Fields[i], v, missing(v)); p != "" {
				problems = append(problems, fmt.Sprintf("line %d, column %d (%s): %s", line, i+1, s.Fields[i].Name, p))
			}
		}
		var key []string
		for _, c := range keyColumns {
			if missing(record[c]) {
				problems = append(problems, fmt.Sprintf("line %d: primary key field %s is missing", line, names[c]))
			}
			key = append(key, record[c])
		}
		k := strings.Join(key, "\x00")
		if first, dup := seen[k]; dup {
			problems = append(problems, fmt.Sprintf("line %d: primary key %q repeats line %d", line, key, first))
		} else {
			seen[k] = line
		}
	}
	return problems
}

func checkValue(f Field, v string, isMissing bool) string {
	c := f.Constraints
	if c == nil {
		c = &Constraints{}
	}
	if isMissing {
		if c.Required {
			return "required value is missing"
		}
		return ""
	}
	var num float64
	numeric := false
	switch f.Type {
	case TypeInteger:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || strings.HasPrefix(v, "+") {
			return fmt.Sprintf("%q is not an integer", v)
		}
		num, numeric = float64(n), true
	case TypeNumber:
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || strings.ContainsAny(v, "eE_xX+") {
			return fmt.Sprintf("%q is not a plain decimal number", v)
		}
		num, numeric = x, true
	case TypeBoolean:
		if v != "true" && v != "false" {
			return fmt.Sprintf("%q is not true or false", v)
		}
	case TypeDate:
		if _, err := time.Parse(time.DateOnly, v); err != nil || !isDate(v) {
			return fmt.Sprintf("%q is not a date YYYY-MM-DD", v)
		}
	case TypeString:
	default:
		return fmt.Sprintf("unknown type %q", f.Type)
	}
	switch {
	case numeric && c.Minimum != nil && num < *c.Minimum:
		return fmt.Sprintf("%s is below the minimum %v", v, *c.Minimum)
	case numeric && c.Maximum != nil && num > *c.Maximum:
		return fmt.Sprintf("%s is above the maximum %v", v, *c.Maximum)
	case len(c.Enum) > 0 && !slices.Contains(c.Enum, v):
		return fmt.Sprintf("%q is not one of %v", v, c.Enum)
	case c.Pattern != "" && !regexp.MustCompile(`^(?:`+c.Pattern+`)$`).MatchString(v):
		return fmt.Sprintf("%q does not match %s", v, c.Pattern)
	}
	return ""
}
