package config

import "strings"

// BurntSushi/toml does not say where keys are, so keyLine finds them with a
// small, forgiving scan of the source: table headers and "key =" lines,
// dotted keys included. It is only used to place messages.

// keyLine returns the 1-based line on which key of table is set (table ""
// is the top level), or where the table itself starts when the key is
// written inline; 0 when neither is found.
func keyLine(src, table, key string) int {
	want := path(table, key)
	cur := ""
	for i, l := range strings.Split(src, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || l[0] == '#':
			continue
		case strings.HasPrefix(l, "[["):
			name, _ := keyParts(l[2:])
			cur = strings.Join(name, ".")
			if matches(cur, want) {
				return i + 1
			}
		case l[0] == '[':
			name, _ := keyParts(l[1:])
			cur = strings.Join(name, ".")
			if matches(cur, want) {
				return i + 1
			}
		default:
			parts, rest := keyParts(l)
			if len(parts) == 0 || !strings.HasPrefix(strings.TrimSpace(rest), "=") {
				continue
			}
			full := strings.Join(parts, ".")
			if cur != "" {
				full = cur + "." + full
			}
			if matches(full, want) {
				return i + 1
			}
		}
	}
	if table != "" {
		return keyLine(src, "", table)
	}
	return 0
}

func matches(got, want string) bool {
	return got == want || strings.HasPrefix(got, want+".")
}

// keyParts reads a dotted key (bare or quoted parts) from the start of s
// and returns its parts and the text after it.
func keyParts(s string) (parts []string, rest string) {
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return parts, s
		}
		var part string
		switch q := s[0]; {
		case q == '"' || q == '\'':
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				return nil, s
			}
			part, s = s[1:1+end], s[2+end:]
		default:
			n := 0
			for n < len(s) && (s[n] == '_' || s[n] == '-' || s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z' || s[n] >= '0' && s[n] <= '9') {
				n++
			}
			if n == 0 {
				return nil, s
			}
			part, s = s[:n], s[n:]
		}
		parts = append(parts, part)
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return parts, s
		}
		s = s[1:]
	}
}
