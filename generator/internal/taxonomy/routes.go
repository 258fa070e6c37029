package taxonomy

import "time"

// Direct is the route of requests that the requesting country's
// authorities served themselves, wherever the data was stored.
const Direct = "direct"

// AnotherCountry is the storage location of data stored outside the
// requesting country; a row that gives no location is not known.
const AnotherCountry = "another_country"

// checkRoutes reports legal bases whose route is not a route of the
// taxonomy, and dates from which a legal basis applies that are no dates.
func checkRoutes(t *Taxonomy, problem func(format string, args ...any)) {
	for i, b := range t.LegalBases {
		if _, ok := t.Route(b.Route); b.Route != "" && !ok {
			problem("legal_bases[%d]: route %q is not a key of routes", i, b.Route)
		}
		if _, err := time.Parse(time.DateOnly, b.AppliesFrom); b.AppliesFrom != "" && err != nil {
			problem("legal_bases[%d]: applies_from %q is not a date such as 2026-08-18", i, b.AppliesFrom)
		}
	}
}

// Route finds a route by key or English label.
func (t *Taxonomy) Route(name string) (Entry, bool) { return find(t.Routes, name) }

// StorageLocation finds where data was stored by key or English label.
func (t *Taxonomy) StorageLocation(name string) (Entry, bool) { return find(t.StorageLocations, name) }

// CrossBorder reports whether a legal basis is a cross-border route of its
// own: its route is known and not Direct.
func (e Entry) CrossBorder() bool { return e.Route != "" && e.Route != Direct }
