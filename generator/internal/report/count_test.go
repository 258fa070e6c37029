package report

import (
	"encoding/json"
	"testing"
)

func TestParseCount(t *testing.T) {
	tests := []struct {
		in, want, wantErr string
	}{
		{"1234", "1234", ""},
		{"0", "0", ""},
		{"not published", "not published", ""},
		{" Not  Published ", "not published", ""},
		{"11000-12000", "11000-12000", ""},
		{"11000 – 12000", "11000-12000", ""},
		{"0-249", "0-249", ""},
		{"5-5", "5", ""},
		{"<10", "0-9", ""},
		{"<1", "0", ""},
		{"5000+", "5000+", ""},
		{"12000-11000", "", `range "12000-11000": 12000 is above 11000`},
		{"<0", "", `"<0" is below zero`},
		{"11,000-12,000", "", `"11,000-12,000" is not a count, a range such as 11000-12000, <10 or 5000+, or "not published"`},
		{"1e3", "", `"1e3" is not a count, a range such as 11000-12000, <10 or 5000+, or "not published"`},
		{"-5", "", `"-5" is negative`},
		{"1-2-3", "", `"1-2-3" is not a count, a range such as 11000-12000, <10 or 5000+, or "not published"`},
		{"9007199254740993", "", `"9007199254740993" is too large: the largest count a spreadsheet holds exactly is 9007199254740992`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseCount(tt.in)
			msg := ""
			if err != nil {
				msg = err.Error()
			}
			if msg != tt.wantErr {
				t.Fatalf("ParseCount(%q) error = %q, want %q", tt.in, msg, tt.wantErr)
			}
			if err == nil && got.String() != tt.want {
				t.Errorf("ParseCount(%q) = %v, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestCountSums(t *testing.T) {
	tests := []struct {
		name      string
		parts     []Count
		want      string
		json      string
		exact     bool
		published bool
	}{
		{"nothing", nil, "0", "0", true, true},
		{"exact", []Count{Exactly(3), Exactly(4)}, "7", "7", true, true},
		{"with a range", []Count{Exactly(3), Between(11000, 12000)}, "11003-12003", `{"min":11003,"max":12003}`, false, true},
		{"with an open range", []Count{Exactly(3), AtLeast(5000)}, "5003+", `{"min":5003}`, false, true},
		{"with a figure not published", []Count{Exactly(14607), NotPublished()}, "at least 14607", `{"min":14607,"not_published":1}`, false, true},
		{"not published at all", []Count{NotPublished(), NotPublished()}, "not published", "null", false, false},
		{"a published 0 and one not published", []Count{Exactly(0), NotPublished()}, "at least 0", `{"min":0,"not_published":1}`, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sum Count
			for _, p := range tt.parts {
				sum.Add(p)
			}
			if sum.String() != tt.want || sum.IsExact() != tt.exact || sum.Published() != tt.published {
				t.Errorf("sum = %v (exact %v, published %v), want %s (%v, %v)", sum, sum.IsExact(), sum.Published(), tt.want, tt.exact, tt.published)
			}
			raw, err := json.Marshal(sum)
			if err != nil || string(raw) != tt.json {
				t.Fatalf("JSON = %s, %v; want %s", raw, err, tt.json)
			}
			var back Count
			if err := json.Unmarshal(raw, &back); err != nil || back.String() != sum.String() {
				t.Errorf("JSON read back as %v, %v; want %v", back, err, sum)
			}
		})
	}
}

// TestOutcomeNodes: a row gives any level of the outcome tree; a group not
// given is the sum of its outcomes, a lower bound where some were not
// published, and an outcome not given is not published, never 0.
func TestOutcomeNodes(t *testing.T) {
	tax := loadTaxonomy(t)
	disclosed, notDisclosed := tax.Disclosed(), tax.OutcomeGroups[1]
	content, _ := tax.Outcome("content")
	tests := []struct {
		name                         string
		outcomes                     map[string]Count
		content, disclosed, withheld string
	}{
		{"no outcome counts", nil, "not published", "not published", "not published"},
		{"every outcome", ExactCounts(map[string]int64{"content": 1, "non_content": 2, "no_data": 3, "rejected": 4}), "1", "3", "7"},
		{"only the group", map[string]Count{"content": NotPublished(), "non_content": NotPublished(), "no_data": NotPublished(), "rejected": NotPublished(), "some_data_disclosed": Exactly(7)}, "not published", "7", "not published"},
		{"some outcomes", map[string]Count{"content": Exactly(5), "non_content": NotPublished(), "no_data": Exactly(1), "rejected": Exactly(0)}, "5", "at least 5", "1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Row{Outcomes: tt.outcomes}
			got := []string{r.Outcome(tax, content).String(), r.Outcome(tax, disclosed).String(), r.Outcome(tax, notDisclosed).String()}
			want := []string{tt.content, tt.disclosed, tt.withheld}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("content, some data disclosed, no data disclosed = %v, want %v", got, want)
					break
				}
			}
		})
	}
}

// TestShareFromAnyLevel: the share where some data was disclosed comes from
// whichever level of the outcome tree a row gave, over the rows whose
// requests and disclosed figure are exact; outcomes not published stay so.
func TestShareFromAnyLevel(t *testing.T) {
	tax := loadTaxonomy(t)
	np := NotPublished()
	var tally Tally
	for _, r := range []Row{
		{Requests: Exactly(10), Accounts: Exactly(10), Outcomes: map[string]Count{"content": np, "non_content": np, "no_data": np, "rejected": np, "some_data_disclosed": Exactly(7)}},
		{Requests: Exactly(10), Accounts: np, Outcomes: ExactCounts(map[string]int64{"content": 1, "non_content": 2, "no_data": 3, "rejected": 4})},
		{Requests: Between(0, 9), Accounts: np, Outcomes: ExactCounts(map[string]int64{"content": 1, "non_content": 0, "no_data": 0, "rejected": 0})},
	} {
		tally.AddRow(r, tax)
	}
	f := tally.Figures(tax)
	if f.DisclosedPercent == nil || *f.DisclosedPercent != 50 || f.OutcomeRequests != 20 {
		t.Errorf("share = %v over %d requests, want 50%% over 20: (7 + 3) of the two exact rows", f.DisclosedPercent, f.OutcomeRequests)
	}
	for key, want := range map[string]string{
		"requests": "20-29", "accounts": "at least 10",
		"content": "at least 2", "some_data_disclosed": "11", "no_data_disclosed": "at least 7",
	} {
		got := f.Outcomes[key]
		switch key {
		case "requests":
			got = f.Requests
		case "accounts":
			got = f.Accounts
		}
		if got.String() != want {
			t.Errorf("%s = %v, want %s", key, got, want)
		}
	}
	if f.Complete() || !f.HasOutcomeCounts() {
		t.Errorf("Complete = %v, HasOutcomeCounts = %v; want false, true", f.Complete(), f.HasOutcomeCounts())
	}
}

// TestShareFlags: a share above 0 that rounds to 0.0 says so, a share
// from published percentages says whether all of it is, and one published
// percentage that is a whole number says so, to be shown as published.
func TestShareFlags(t *testing.T) {
	tax := loadTaxonomy(t)
	pct := func(p float64) *float64 { return &p }
	tests := []struct {
		name                   string
		rows                   []Row
		underTenth, from, only bool
		whole                  bool
	}{
		{name: "1 in 3000", rows: []Row{{Requests: Exactly(3000), Accounts: Exactly(3000), Outcomes: ExactCounts(map[string]int64{"content": 1, "non_content": 0, "no_data": 2999, "rejected": 0})}}, underTenth: true},
		{name: "none", rows: []Row{{Requests: Exactly(30), Accounts: Exactly(30), Outcomes: ExactCounts(map[string]int64{"content": 0, "non_content": 0, "no_data": 30, "rejected": 0})}}},
		{name: "entirely from a percentage", rows: []Row{{Requests: Exactly(10), Accounts: Exactly(10), DisclosedPercent: pct(80)}}, from: true, only: true, whole: true},
		{name: "one percentage with a decimal", rows: []Row{{Requests: Exactly(10), Accounts: Exactly(10), DisclosedPercent: pct(80.5)}}, from: true, only: true},
		{name: "two percentages", rows: []Row{
			{Requests: Exactly(10), Accounts: Exactly(10), DisclosedPercent: pct(80)},
			{Requests: Exactly(10), Accounts: Exactly(10), DisclosedPercent: pct(60)},
		}, from: true, only: true},
		{name: "partly", rows: []Row{
			{Requests: Exactly(10), Accounts: Exactly(10), DisclosedPercent: pct(80)},
			{Requests: Exactly(10), Accounts: Exactly(10), Outcomes: ExactCounts(map[string]int64{"content": 5, "non_content": 0, "no_data": 5, "rejected": 0})},
		}, from: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tally Tally
			for _, r := range tt.rows {
				tally.AddRow(r, tax)
			}
			f := tally.Figures(tax)
			if f.DisclosedUnderTenth != tt.underTenth || f.FromPercentages != tt.from || f.OnlyFromPercentages != tt.only || f.DisclosedWhole != tt.whole {
				t.Errorf("under a tenth %v, from percentages %v, only %v, whole %v; want %v, %v, %v, %v", f.DisclosedUnderTenth, f.FromPercentages, f.OnlyFromPercentages, f.DisclosedWhole, tt.underTenth, tt.from, tt.only, tt.whole)
			}
		})
	}
}
