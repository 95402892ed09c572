package batch

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/reliefkit/relief/internal/safefile"
)

// StateFile is the name of the state file in the output folder. It starts
// with "." so that no person's folder can take the name (safefile refuses
// such names) and listings of the people stay clean.
const StateFile = ".relief-batch.json"

// stateVersion is the format of the state file; another version is ignored
// (every person is then drafted again). Version 2 added each file's hash.
const stateVersion = 2

// maxStateSize caps the state file: about 1 KB a person, so room for a
// hundred thousand people and then some.
const maxStateSize = 256 << 20

// State is what earlier runs drafted into an output folder: per person, the
// key of the inputs the folder was drafted from and the files written. It
// lives outside the people's folders so that each folder holds exactly what
// `relief draft` writes, byte for byte.
//
// A State read by LoadState is kept on disk, not in memory: LoadState
// validates the file once and copies each person's record, one a line, to
// a private temporary file, remembering only where each line is; Get reads
// a record back when it is needed. So a re-run over a hundred thousand
// people holds a small index (a person's name and a place in the file)
// rather than every record. Close removes the copy.
type State struct {
	snap  *os.File
	index stateIndex
	// done has a bit per record, set when this run records the person
	// anew (see StateWriter.Add); only the reporting goroutine touches it.
	done []uint64
}

// stateSpan is where a record is in the copy: the offset in the high 32
// bits, the length in the low 32. The copy is smaller than the state file,
// so both fit.
type stateSpan uint64

func newSpan(off int64, n int) stateSpan { return stateSpan(uint64(off)<<32 | uint64(uint32(n))) }
func (sp stateSpan) off() int64          { return int64(sp >> 32) }
func (sp stateSpan) len() int            { return int(uint32(sp)) }

// stateIndex finds a person's record in the copy. Records are numbered in
// the order of the file; a person is found by a 64-bit hash of the name,
// so that the index costs about 16 bytes a person rather than the name,
// and the rare name whose hash an earlier name already has goes in exact.
// Once read, it is only read, so the workers of a run may share it.
type stateIndex struct {
	seed   maphash.Seed
	spans  []stateSpan
	byHash map[uint64]uint32
	exact  map[string]uint32
}

func newStateIndex() stateIndex {
	return stateIndex{seed: maphash.MakeSeed(), byHash: map[uint64]uint32{}}
}

// put adds the next record, a person's at sp. nameAt reads the name of
// the record at a span, to tell a second record of one person (an error)
// from two names with the same hash.
func (x *stateIndex) put(person string, sp stateSpan, nameAt func(stateSpan) (string, error)) error {
	k := uint32(len(x.spans))
	if _, dup := x.exact[person]; dup {
		return fmt.Errorf("person %q is listed twice", person)
	}
	h := maphash.String(x.seed, person)
	prev, taken := x.byHash[h]
	if taken {
		name, err := nameAt(x.spans[prev])
		if err != nil {
			return err
		}
		if name == person {
			return fmt.Errorf("person %q is listed twice", person)
		}
		if x.exact == nil {
			x.exact = map[string]uint32{}
		}
		x.exact[person] = k
	} else {
		x.byHash[h] = k
	}
	x.spans = append(x.spans, sp)
	return nil
}

// get returns the number of a person's record. The caller checks the
// record's name: a name never recorded may share a recorded one's hash.
func (x *stateIndex) get(person string) (uint32, bool) {
	if k, ok := x.exact[person]; ok {
		return k, true
	}
	k, ok := x.byHash[maphash.String(x.seed, person)]
	return k, ok
}

func (x *stateIndex) len() int { return len(x.spans) }

// stateLine is one line of a State's copy.
type stateLine struct {
	P string `json:"p"`
	E Entry  `json:"e"`
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
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"` // of the bytes written (hex)
}

// NewFileInfo describes a file about to be written with data.
func NewFileInfo(name string, data []byte) FileInfo {
	sum := sha256.Sum256(data)
	return FileInfo{Name: name, Bytes: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
}

// LoadState reads out's state file. A missing file, or one of another
// version, gives an empty state. The file must be a regular file (not a
// link, FIFO or device) of at most maxStateSize bytes, and its content is
// validated (see validEntry) before anything acts on it: a state file that
// fails is an error, since relief removes files on its word. The state is
// read as a stream, so its size does not matter to memory.
func LoadState(out string) (*State, error) {
	path := filepath.Join(out, StateFile)
	f, err := safefile.OpenRegular(path, safefile.NoFollow)
	if errors.Is(err, fs.ErrNotExist) {
		return &State{}, nil
	}
	if err != nil {
		return nil, &StateError{Path: path, Err: err}
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || st.Size() > maxStateSize {
		return nil, &StateError{Path: path, Err: fmt.Errorf("larger than %d MiB", maxStateSize>>20)}
	}
	s := &State{index: newStateIndex()}
	if s.snap, err = createTemp(out, "reading the batch state"); err != nil {
		return nil, err
	}
	ok, err := s.read(json.NewDecoder(io.LimitReader(f, maxStateSize)))
	if err != nil {
		s.Close()
		return nil, &StateError{Path: path, Err: err}
	}
	if !ok { // another version: draft everyone again
		s.Close()
		return &State{}, nil
	}
	return s, nil
}

// read decodes the state file, copying each validated record to the
// snapshot. It reports false for a file of another version.
func (s *State) read(dec *json.Decoder) (bool, error) {
	dec.DisallowUnknownFields()
	if err := expectDelim(dec, '{'); err != nil {
		return false, err
	}
	version, people := 0, false
	w := bufio.NewWriter(s.snap)
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return false, err
		}
		switch key {
		case "version":
			if err := dec.Decode(&version); err != nil {
				return false, err
			}
			if version != stateVersion {
				return false, nil
			}
		case "people":
			if err := s.readPeople(dec, w); err != nil {
				return false, err
			}
			people = true
		default:
			return false, fmt.Errorf("json: unknown field %v", key)
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return false, err
	}
	if version != stateVersion {
		return false, nil
	}
	if !people {
		return false, errors.New("no people")
	}
	return true, w.Flush()
}

// readPeople reads the "people" object, one person at a time.
func (s *State) readPeople(dec *json.Decoder, w *bufio.Writer) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	var off int64
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		person, _ := tok.(string)
		var e Entry
		if err := dec.Decode(&e); err != nil {
			return err
		}
		if err := validEntry(person, e); err != nil {
			return err
		}
		line, err := json.Marshal(stateLine{person, e})
		if err != nil {
			return err
		}
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return err
		}
		err = s.index.put(person, newSpan(off, len(line)), func(sp stateSpan) (string, error) {
			if err := w.Flush(); err != nil {
				return "", err
			}
			l, err := s.readLine(sp)
			return l.P, err
		})
		if err != nil {
			return err
		}
		off += int64(len(line))
	}
	return expectDelim(dec, '}')
}

// expectDelim reads the next token, which must be d.
func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != d {
		return fmt.Errorf("json: %v where %v belongs", tok, d)
	}
	return nil
}

// Len is the number of people the state records.
func (s *State) Len() int { return s.index.len() }

// Get returns the record of a person, if the state has one.
func (s *State) Get(person string) (Entry, bool) {
	if s.snap == nil {
		return Entry{}, false
	}
	k, ok := s.index.get(person)
	if !ok {
		return Entry{}, false
	}
	l, err := s.readLine(s.index.spans[k])
	if err != nil || l.P != person {
		return Entry{}, false // the private copy is relief's own; treat damage as no record
	}
	return l.E, true
}

// readLine reads one record of the copy.
func (s *State) readLine(sp stateSpan) (stateLine, error) {
	b := make([]byte, sp.len())
	if _, err := s.snap.ReadAt(b, sp.off()); err != nil {
		return stateLine{}, err
	}
	var l stateLine
	err := json.Unmarshal(b, &l)
	return l, err
}

// markDone records that this run wrote the person's record anew.
func (s *State) markDone(person string) {
	if s.snap == nil {
		return
	}
	k, ok := s.index.get(person)
	if !ok {
		return
	}
	if l, err := s.readLine(s.index.spans[k]); err == nil && l.P == person {
		if s.done == nil {
			s.done = make([]uint64, (s.index.len()+63)/64)
		}
		s.done[k/64] |= 1 << (k % 64)
	}
}

// eachLeft calls f, in the order of the state file, for every person this
// run has not recorded anew: people not in this run, or who failed, keep
// their record.
func (s *State) eachLeft(f func(person string, e Entry) error) error {
	if s.snap == nil {
		return nil
	}
	sc := bufio.NewScanner(io.NewSectionReader(s.snap, 0, 1<<62))
	sc.Buffer(nil, maxStateSize)
	for k := 0; sc.Scan(); k++ {
		if s.done != nil && s.done[k/64]&(1<<(k%64)) != 0 {
			continue
		}
		var l stateLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return err
		}
		if err := f(l.P, l.E); err != nil {
			return err
		}
	}
	return sc.Err()
}

// Close removes the state's private copy.
func (s *State) Close() {
	if s.snap != nil {
		s.snap.Close()
		os.Remove(s.snap.Name())
		s.snap = nil
	}
}

// StateError is a state file relief cannot trust: unreadable, not a
// regular file, or not what relief batch writes.
type StateError struct {
	Path string
	Err  error
}

func (e *StateError) Error() string {
	return fmt.Sprintf("%s is not a batch state file relief can use (%v); remove it to draft everyone again, or choose another -o folder", e.Path, e.Err)
}

func (e *StateError) Unwrap() error { return e.Err }

// validEntry checks what relief acts on in one person's record: person
// and file names that are plain names (a forged "../x" would aim a removal
// elsewhere), statuses, sizes and hashes of the right form, no file listed
// twice.
func validEntry(person string, e Entry) error {
	if _, err := safefile.Join(".", person); err != nil {
		return fmt.Errorf("person %q: %v", person, err)
	}
	if !isHex(e.Key) {
		return fmt.Errorf("person %q: the key is not a SHA-256", person)
	}
	if e.Status != StatusOK && e.Status != StatusSkipped {
		return fmt.Errorf("person %q: unknown status %q", person, e.Status)
	}
	if e.Packets < 0 || e.Pages < 0 || len(e.Files) > maxFiles {
		return fmt.Errorf("person %q: impossible counts", person)
	}
	seen := map[string]bool{}
	for _, f := range e.Files {
		if _, err := safefile.JoinTree(".", f.Name); err != nil {
			return fmt.Errorf("person %q: %v", person, err)
		}
		if seen[strings.ToLower(f.Name)] || f.Bytes < 0 || !isHex(f.SHA256) {
			return fmt.Errorf("person %q: file %q is listed twice or has an impossible size or hash", person, f.Name)
		}
		seen[strings.ToLower(f.Name)] = true
	}
	return nil
}

// maxFiles is more files than one person's folder ever holds.
const maxFiles = 1000

// isHex reports whether s is a SHA-256 in lower-case hex.
func isHex(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// HasState reports whether out holds a state file.
func HasState(out string) bool {
	_, err := os.Lstat(filepath.Join(out, StateFile))
	return err == nil
}

// Intact reports whether every file of the entry is in dir with the
// content it was written with (compared by SHA-256, so an edit that keeps
// the size is seen): a person whose files were deleted, truncated or
// edited is drafted again. dir must be a folder, not a link, and so must
// each file.
func (e Entry) Intact(dir string) bool {
	if safefile.CheckDir(dir) != nil {
		return false
	}
	for _, f := range e.Files {
		if !f.Matches(dir) {
			return false
		}
	}
	return true
}

// OwnsAll reports whether every one of names that exists in dir is a file
// of the entry still holding the bytes recorded for it: files relief may
// replace. A name the entry does not record, or a file changed since, is
// not relief's.
func (e Entry) OwnsAll(dir string, names []string) bool {
	if safefile.CheckDir(dir) != nil {
		return false
	}
	for _, name := range names {
		p, err := safefile.JoinTree(dir, name)
		if err != nil {
			return false
		}
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		i := slices.IndexFunc(e.Files, func(f FileInfo) bool { return f.Name == name })
		if i < 0 || !e.Files[i].Matches(dir) {
			return false
		}
	}
	return true
}

// Matches reports whether dir/Name is a regular file (not a link, in a
// dir that is not one) holding exactly the bytes the record's hash names.
func (f FileInfo) Matches(dir string) bool {
	root, err := safefile.OpenDir(dir)
	if err != nil {
		return false
	}
	defer root.Close()
	return f.matchesIn(root)
}

// matchesIn is Matches inside the folder root is open on.
func (f FileInfo) matchesIn(root *os.Root) bool {
	if _, err := safefile.JoinTree(".", f.Name); err != nil {
		return false
	}
	name := filepath.FromSlash(f.Name)
	before, err := root.Lstat(name)
	if err != nil || !before.Mode().IsRegular() || before.Size() != f.Bytes {
		return false
	}
	fh, err := root.Open(name)
	if err != nil {
		return false
	}
	defer fh.Close()
	if st, err := fh.Stat(); err != nil || !os.SameFile(before, st) {
		return false
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(fh, f.Bytes+1)); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)) == f.SHA256
}

// StateWriter writes a run's state file: each person's record is added as
// the person is done and goes straight to a private temporary file, so the
// run holds none of them; Save writes the whole state file (this run's
// records, then the earlier run's for everyone not recorded anew)
// atomically: a private temporary file, synced, renamed over the old one,
// mode 0600.
type StateWriter struct {
	out  string
	prev *State
	body *os.File // this run's records, as they appear in the state file
	bw   *bufio.Writer
	n    int // records in body
	el   bytes.Buffer
}

// NewStateWriter starts the state of a run into out, on top of prev (the
// state LoadState read there; it stays the caller's to Close).
func NewStateWriter(out string, prev *State) (*StateWriter, error) {
	body, err := createTemp(out, "writing the batch state")
	if err != nil {
		return nil, err
	}
	return &StateWriter{out: out, prev: prev, body: body, bw: bufio.NewWriter(body)}, nil
}

// Add records a person's entry, replacing the earlier run's.
func (w *StateWriter) Add(person string, e Entry) error {
	if err := w.element(w.bw, w.n == 0, person, e); err != nil {
		return err
	}
	w.n++
	w.prev.markDone(person)
	return nil
}

// element writes one "person": {record} member of the people object.
func (w *StateWriter) element(out io.Writer, first bool, person string, e Entry) error {
	w.el.Reset()
	if !first {
		w.el.WriteByte(',')
	}
	w.el.WriteString("\n    ")
	k, _ := json.Marshal(person)
	w.el.Write(k)
	w.el.WriteString(": ")
	enc := json.NewEncoder(&w.el)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(e); err != nil {
		return err
	}
	w.el.Truncate(w.el.Len() - 1)
	_, err := out.Write(w.el.Bytes())
	return err
}

// Save writes the state file as it stands. It may be called during the
// run, as a checkpoint, and again at the end.
func (w *StateWriter) Save() error {
	if err := w.bw.Flush(); err != nil {
		return fmt.Errorf("writing the batch state: %w", err)
	}
	size, err := w.body.Seek(0, io.SeekCurrent)
	if err != nil {
		return fmt.Errorf("writing the batch state: %w", err)
	}
	return writeAtomic(w.out, StateFile, "writing the batch state", func(out *bufio.Writer) error {
		fmt.Fprintf(out, "{\n  \"version\": %d,\n  \"people\": {", stateVersion)
		if _, err := io.Copy(out, io.NewSectionReader(w.body, 0, size)); err != nil {
			return err
		}
		n := w.n
		err := w.prev.eachLeft(func(person string, e Entry) error {
			n++
			return w.element(out, n == 1, person, e)
		})
		if err != nil {
			return err
		}
		if n > 0 {
			out.WriteString("\n  ")
		}
		_, err = out.WriteString("}\n}\n")
		return err
	})
}

// Close saves the state file and removes the temporary file.
func (w *StateWriter) Close() error {
	err := w.Save()
	w.Abort()
	return err
}

// Abort removes the temporary file, leaving the state file as it was last
// saved.
func (w *StateWriter) Abort() {
	w.body.Close()
	os.Remove(w.body.Name())
}

// writeAtomic writes dir/name through fill: a private temporary file,
// synced, renamed into place (a rename never writes through a link). The
// temporary name matches safefile's, so safefile.CleanTemps removes one a
// crash left.
func writeAtomic(dir, name, what string, fill func(*bufio.Writer) error) error {
	p, err := newPendingFile(dir, name, what)
	if err != nil {
		return err
	}
	err = fill(p.Writer)
	if err == nil {
		err = p.commit()
	} else {
		p.abort()
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// RemoveStale removes from dir the files of old that keep does not hold
// (packets an earlier run wrote that this run did not write again), so
// that the folder holds what relief draft would write. It removes a file
// only when it still holds the bytes relief recorded for it: a file
// someone changed or put there, a link, or anything in a dir that is
// itself a link, is left alone and named in the returned list.
func RemoveStale(dir string, old []FileInfo, keep map[string]bool) (left []string, err error) {
	root, err := safefile.OpenDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	defer root.Close()
	for _, f := range old {
		if keep[f.Name] {
			continue
		}
		if _, err := safefile.JoinTree(dir, f.Name); err != nil {
			continue // validated away by LoadState; never a name relief writes
		}
		name := filepath.FromSlash(f.Name)
		if !f.matchesIn(root) {
			if _, err := root.Lstat(name); err == nil {
				left = append(left, f.Name)
			}
			continue
		}
		// Removed inside the folder opened: never through a link.
		if err := root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return left, err
		}
	}
	return left, nil
}
