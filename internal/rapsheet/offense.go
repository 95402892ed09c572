package rapsheet

import (
	"fmt"
	"strings"

	"github.com/reliefkit/relief/internal/law"
)

// offense converts a sheet's code and section ("HS", "11359(D)") into
// relief's syntax ("HS 11359(d)"), checked by the offense parser relief
// uses for case files. problem says why when it cannot.
func offense(code, sec string) (string, string) {
	sec = strings.ReplaceAll(sec, " ", "")
	sec = strings.ReplaceAll(sec, ",", ".")
	ref, err := law.ParseRef(code + " " + strings.ToLower(sec))
	if err != nil {
		return "", fmt.Sprintf("cannot read the offense %s %s: %v", code, sec, err)
	}
	ref.Attempt = false
	ref.Raw = ""
	return ref.String(), ""
}

// checkOffense is the offense check relief's commands give the case-file
// decoder.
func checkOffense(s string) error {
	_, err := law.ParseRef(s)
	return err
}
