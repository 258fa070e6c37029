package report

import (
	"time"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// StoredAbroad is how many of the row's requests sought data stored
// outside the requesting country, the one meaning of that figure: all of
// them where the row says the data was stored in another country, none
// where in the requesting country, and for a row that does not say, its
// Extraterritorial count, the older way to give it. False when the row
// says nothing of where its data was stored.
func (r Row) StoredAbroad() (Count, bool) {
	switch {
	case r.Storage == taxonomy.AnotherCountry:
		return r.Requests, true
	case r.Storage != "":
		return Exactly(0), true
	case r.Extraterritorial != nil:
		return Exactly(*r.Extraterritorial), true
	}
	return Count{}, false
}

// checkStorage reports where a row says its data was stored when that
// cannot be: a place given for data that was not stored in another
// country, the requesting country given as another country, a requester
// that is no place, the older Extraterritorial count beside the new
// columns, and a legal basis used before the law allowed it.
func checkStorage(row Row, tax *taxonomy.Taxonomy, probs *problem.List) {
	another := taxonomy.Label(tax.StorageLocation, taxonomy.AnotherCountry)
	switch {
	case row.StoredIn == "":
	case row.Storage != taxonomy.AnotherCountry:
		probs.Add(at(row.Where, row.Cols.StoredIn, "stored in %s is given, but data stored is not %q: choose %q, or leave stored in blank", row.StoredIn, another, another))
	case row.StoredIn == row.Country:
		probs.Add(at(row.Where, row.Cols.StoredIn, "stored in %s is the requesting country, not another country: choose %q, or give the country where the data was stored", row.StoredIn, taxonomy.Label(tax.StorageLocation, "requesting_country")))
	case row.StoredIn == countries.NotByCountry || row.StoredIn == countries.UnitedNations:
		probs.Add(at(row.Where, row.Cols.StoredIn, "stored in %s is not a place where data is stored: give a country's code, or EU, or leave it blank if not known", row.StoredIn))
	}
	if row.Storage != "" && row.Extraterritorial != nil {
		probs.Add(at(row.Where, row.Cols.Extraterritorial, "extraterritorial %d is given together with where the data was stored, which says it already: leave extraterritorial blank", *row.Extraterritorial))
	}
	basis, _ := tax.LegalBasis(row.LegalBasis)
	if from, err := time.Parse(time.DateOnly, basis.AppliesFrom); err == nil && !row.Period.IsZero() && row.Period.End() < basis.AppliesFrom {
		probs.Add(at(row.Where, row.Cols.LegalBasis, "%s applies only from %s, after period %s ends", basis.English(), from.Format("2 January 2006"), row.Period))
	}
}
