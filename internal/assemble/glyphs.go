package assemble

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
)

// unprintable lists every text field of the case file that g says the
// embedded fonts cannot print, by its key path
// ("cases[0].counts[1].description"), with the first character they lack.
// Such text would come out blank, so the packets that could print it are
// not drafted. A nil g checks nothing.
func unprintable(f *casefile.File, g Glyphs) []string {
	if g == nil {
		return nil
	}
	var out []string
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			t := v.Type()
			for i := range t.NumField() {
				tag, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
				if tag == "" || tag == "-" || !t.Field(i).IsExported() {
					continue
				}
				p := tag
				if path != "" {
					p = path + "." + tag
				}
				walk(v.Field(i), p)
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.String:
			if r, bad := g.Missing(v.String()); bad {
				out = append(out, fmt.Sprintf("%s (the embedded fonts cannot print %q, U+%04X)", path, r, r))
			}
		}
	}
	walk(reflect.ValueOf(f).Elem(), "")
	return out
}
