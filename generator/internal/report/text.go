package report

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxText is the longest text the sources may hold, in characters: what one
// spreadsheet cell holds, so that every text fits the downloads' workbook.
const MaxText = 32767

// CheckText refuses text that would mislead a reader wherever it is shown:
// a bidirectional control character (such as U+202E, RIGHT-TO-LEFT
// OVERRIDE), which can reverse how a figure beside it reads in the CSV, the
// JSON and the site; and text longer than a spreadsheet cell holds.
func CheckText(s string) error {
	if n := utf8.RuneCountInString(s); n > MaxText {
		return fmt.Errorf("is %d characters long, more than the %d a spreadsheet cell holds", n, MaxText)
	}
	for i, r := range s {
		if unicode.Is(unicode.Bidi_Control, r) {
			return fmt.Errorf("holds the invisible bidirectional control character U+%04X at character %d, which can change how the text beside it reads: remove it", r, utf8.RuneCountInString(s[:i])+1)
		}
	}
	return nil
}

// CheckURL refuses an address that a link on the site or in the downloads
// should not lead to: anything but an absolute https: or http: address of a
// host (no javascript:, data: or relative addresses, no user name before
// the host), written only in the characters an address may hold (RFC 3986),
// so that no text around it in HTML, Markdown or YAML can be broken out of.
func CheckURL(s string) error {
	if i := strings.IndexFunc(s, notURLChar); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return fmt.Errorf("%q holds %q, which an address cannot: percent-encode it", s, r)
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("%q is not an address: %w", s, errors.Unwrap(err))
	}
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return fmt.Errorf("%q is not an https: or http: address", s)
	case u.Host == "" || u.Opaque != "":
		return fmt.Errorf("%q names no host: give a whole address such as https://example.com/terms", s)
	case u.User != nil:
		return fmt.Errorf("%q holds a user name before the host, which hides where it leads", s)
	}
	return nil
}

// CheckHTTPS is CheckURL for an address that must be https: a page of the
// company's own that the site links to.
func CheckHTTPS(s string) error {
	if err := CheckURL(s); err != nil {
		return err
	}
	if u, _ := url.Parse(s); u.Scheme != "https" {
		return fmt.Errorf("%q is not an https: address", s)
	}
	return nil
}

// notURLChar reports a character outside RFC 3986's unreserved, reserved and
// percent characters, leaving out [ and ], which only IPv6 hosts use and
// which Markdown reads as a link.
func notURLChar(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return false
	}
	return !strings.ContainsRune("-._~:/?#@!$&'()*+,;=%", r)
}
