package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// StateFile is the name of the state file in the output folder. It starts
// with "." so that no person's folder can take the name (safefile refuses
// such names) and listings of the people stay clean.
const StateFile = ".relief-batch.json"

// stateVersion is the format of the state file; another version is ignored
// (every person is then drafted again).
const stateVersion = 1

// State is what earlier runs drafted into an output folder: per person, the
// key of the inputs the folder was drafted from and the files written. It
// lives outside the people's folders so that each folder holds exactly what
// `relief draft` writes, byte for byte.
type State struct {
	Version int              `json:"version"`
	People  map[string]Entry `json:"people"`
}

// Entry is one person's record.
type Entry struct {
	// Key is the SHA-256 of everything the drafted bytes depend on: the
	// input bytes (the case file, or the text made from the person's roster
	// rows), the as-of date, --sign and --final, every template's source,
	// the config file's defaults and the tool version. See Key and
	// TemplatesDigest.
	Key     string     `json:"key"`
	Status  string     `json:"status"` // ok or skipped
	Packets int        `json:"packets"`
	Pages   int        `json:"pages"`
	Files   []FileInfo `json:"files"` // every file written, manifest.json last
}

// FileInfo is one file written for a person.
type FileInfo struct {
	Name  string `json:"name"`
	Bytes int64  `json:"bytes"`
}

// NewState returns an empty state.
func NewState() *State { return &State{Version: stateVersion, People: map[string]Entry{}} }

// LoadState reads out's state file. A missing file, or one in another
// format, gives an empty state; only an unreadable file is an error.
func LoadState(out string) (*State, error) {
	b, err := os.ReadFile(filepath.Join(out, StateFile))
	if errors.Is(err, fs.ErrNotExist) {
		return NewState(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the batch state: %w", err)
	}
	var s State
	if json.Unmarshal(b, &s) != nil || s.Version != stateVersion || s.People == nil {
		return NewState(), nil
	}
	return &s, nil
}

// HasState reports whether out holds a state file.
func HasState(out string) bool {
	_, err := os.Lstat(filepath.Join(out, StateFile))
	return err == nil
}

// Intact reports whether every file of the entry is in dir with its size:
// a person whose files were deleted or truncated is drafted again.
func (e Entry) Intact(dir string) bool {
	for _, f := range e.Files {
		st, err := os.Lstat(filepath.Join(dir, f.Name))
		if err != nil || !st.Mode().IsRegular() || st.Size() != f.Bytes {
			return false
		}
	}
	return true
}

// Save writes the state to out atomically (a private temporary file,
// synced, then renamed over the old one), with mode 0600.
func (s *State) Save(out string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	// The temporary name matches safefile's, so safefile.CleanTemps removes
	// one left by a crash.
	f, err := os.CreateTemp(out, ".relief-*.tmp")
	if err != nil {
		return fmt.Errorf("writing the batch state: %w", err)
	}
	tmp := f.Name()
	err = func() error {
		if err := f.Chmod(0o600); err != nil {
			return err
		}
		if _, err := f.Write(b); err != nil {
			return err
		}
		return f.Sync()
	}()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(out, StateFile))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing the batch state: %w", err)
	}
	return nil
}
