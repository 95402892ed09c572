package exhibit

import _ "github.com/reliefkit/relief/internal/golden" // defines -update for `go test ./... -update`
