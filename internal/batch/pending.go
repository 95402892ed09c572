package batch

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
)

// createTemp makes a private temporary file in dir with safefile's name
// pattern, so that a killed run's is cleaned by the next; what names the
// task in an error.
func createTemp(dir, what string) (*os.File, error) {
	f, err := os.CreateTemp(dir, ".relief-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return f, nil
}

// pendingFile is a file batch writes a piece at a time and puts in place
// only when it is whole: a private temporary file (createTemp) written
// through its buffer, then finished (flushed, synced, closed) and renamed
// over dir/name. A rename never writes through a link, and until it
// happens the previous run's file stays as it was.
type pendingFile struct {
	*bufio.Writer
	f         *os.File
	dir, name string
}

func newPendingFile(dir, name, what string) (*pendingFile, error) {
	f, err := createTemp(dir, what)
	if err != nil {
		return nil, err
	}
	return &pendingFile{Writer: bufio.NewWriter(f), f: f, dir: dir, name: name}, nil
}

// finish flushes, syncs and closes the temporary file.
func (p *pendingFile) finish() error {
	err := p.Flush()
	if err == nil {
		err = p.f.Sync()
	}
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// rename puts the finished file in place.
func (p *pendingFile) rename() error {
	return os.Rename(p.f.Name(), filepath.Join(p.dir, p.name))
}

// commit finishes and renames; on failure the temporary file is removed.
func (p *pendingFile) commit() error {
	err := p.finish()
	if err == nil {
		err = p.rename()
	}
	if err != nil {
		p.abort()
	}
	return err
}

// abort removes the temporary file (after a rename, there is none).
func (p *pendingFile) abort() {
	p.f.Close()
	os.Remove(p.f.Name())
}
