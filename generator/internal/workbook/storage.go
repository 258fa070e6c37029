package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/countries"
)

// The optional columns that say where the data the requests sought was
// stored, after Request type. A workbook without them says nothing of it:
// its rows' storage is not known, never "in the requesting country".
const (
	storageHeader  = "Data stored"
	storedInHeader = "Stored in"
)

// storage reads a row's Data stored and Stored in cells: a storage
// location of the taxonomy, and a country code (or EU). What they mean
// together, and with the row's country, is report.Check's to say.
func (r *reader) storage(c *rowCheck, layout requestsLayout) (storage, storedIn string) {
	storage = c.entry(layout.storage, r.tax.StorageLocation, "storage location", false, r.tax.StorageLocations...).Key
	if text := c.text(layout.storedIn); text != "" {
		code, err := countries.Canonical(text)
		if err != nil {
			c.failf(layout.storedIn, "stored in: %v", err)
		}
		storedIn = code
	}
	return storage, storedIn
}

// storageDropDowns are the drop-down lists of Data stored and Stored in,
// in a workbook that has those columns.
func (w *templateWriter) storageDropDowns() []*excelize.DataValidation {
	l := w.layout
	if w.optional < l.storedIn-l.note {
		return nil
	}
	return []*excelize.DataValidation{
		dropDown(w.columnRange(l.storage, l.storage), w.storageList,
			storageHeader, "Where the data the requests sought was stored. Leave blank if not known."),
		dropDown(w.columnRange(l.storedIn, l.storedIn), w.countryList,
			storedInHeader, "Only for data stored in another country: its two-letter code, such as IE, or EU. Leave blank if not known."),
	}
}

// storageInstructions explain the storage columns, in column letters of
// this workbook.
func storageInstructions(layout requestsLayout) []instructionLine {
	return []instructionLine{
		{storageHeader, fmt.Sprintf("Optional, in column %s: where the data the requests sought was stored: In the requesting country, or In another country. Leave blank if not known; a blank is shown as not known, never as in the requesting country. Use one row per place: split a row whose requests sought data stored in different places. Leave Extraterritorial blank when you fill this column: a row whose data was stored in another country counts all its requests as requests for data stored abroad.", columnName(layout.storage))},
		{storedInHeader, fmt.Sprintf("Optional, in column %s, only for data stored in another country: that country's two-letter code, such as IE, or EU for somewhere in the European Union. Leave blank if not known. It cannot be the requesting country. The route by which the request came (directly, through a treaty, under a CLOUD Act agreement, as a European Production Order or a UK overseas production order) is the legal basis's: see the legal bases below.", columnName(layout.storedIn))},
	}
}

// extraterritorialText explains the Extraterritorial column: in a workbook
// with the storage columns, as the older way to count what they say.
func extraterritorialText(storage bool) string {
	text := "Optional: how many of the requests asked for data stored outside the requesting country. At most the number of requests."
	if storage {
		text += fmt.Sprintf(" This is the older way to count them, without where the data was or what was done with them: prefer %s and %s, and leave this blank in a row that fills them.", storageHeader, storedInHeader)
	}
	return text
}
