package downloads

// The Table Schema types of fields, as Frictionless names them.
const (
	TypeString  = "string"
	TypeInteger = "integer"
	TypeNumber  = "number"
	TypeBoolean = "boolean"
	TypeDate    = "date"
)

// Field is one column of a table, described as a Frictionless Table Schema
// field. The same value feeds datapackage.json, the codebook page and the
// README of each release, so a column is described once.
type Field struct {
	Name        string       `json:"name"`
	Title       string       `json:"title"`
	Type        string       `json:"type"`
	Format      string       `json:"format,omitempty"`
	Description string       `json:"description"`
	Constraints *Constraints `json:"constraints,omitempty"`
}

// Constraints are the Table Schema constraints the downloads promise.
type Constraints struct {
	Required bool     `json:"required,omitempty"`
	Minimum  *float64 `json:"minimum,omitempty"`
	Maximum  *float64 `json:"maximum,omitempty"`
	Pattern  string   `json:"pattern,omitempty"`
	Enum     []string `json:"enum,omitempty"`
}

// Schema is a Frictionless Table Schema.
type Schema struct {
	Fields        []Field  `json:"fields"`
	PrimaryKey    []string `json:"primaryKey"`
	MissingValues []string `json:"missingValues"`
}

// Table is one table of the downloads, written as CSV, as JSON and as one
// sheet of the workbook.
type Table struct {
	// Name is the table's stable name: its CSV is Name + ".csv".
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// Row completes "One row is ..." in the codebook.
	Row    string `json:"row"`
	Schema Schema `json:"schema"`
	// Rows hold one value per field: nil (missing), int64, float64, bool
	// or string (dates too, as YYYY-MM-DD).
	Rows [][]any `json:"-"`
}

// The names of the whole-report tables.
const (
	RequestsTable         = "requests"
	NationalSecurityTable = "national-security"
	PeriodsTable          = "periods"
	CountriesTable        = "countries"
	CorrectionsTable      = "corrections" // only in a release that has corrections
)

func ptr(f float64) *float64 { return &f }

// withRows returns a copy of t holding rows, for the slices of a table.
func (t Table) withRows(rows [][]any) Table {
	t.Rows = rows
	return t
}
