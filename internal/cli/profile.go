package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/pprof"
)

// StartProfile writes a CPU profile of the run to path, for `go tool
// pprof`, and returns the function that ends it. It is for developers
// measuring relief (RELIEF_CPUPROFILE), and follows the rules of every
// output: the profile is written to a private temporary file (mode 0600)
// beside path and renamed into place when stop runs, and path may not be
// a symbolic link or anything but a regular file, so nothing is written
// through a link.
func StartProfile(path string) (stop func() error, err error) {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s exists and is not a plain file (a link or a folder?); relief writes no profile through it", path)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".relief-*.tmp")
	if err != nil {
		return nil, err
	}
	tmp := f.Name()
	fail := func(err error) (func() error, error) {
		f.Close()
		os.Remove(tmp)
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		return fail(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		return fail(err)
	}
	return func() error {
		pprof.StopCPUProfile()
		err := f.Close()
		if err == nil {
			err = os.Rename(tmp, path)
		}
		if err != nil {
			os.Remove(tmp)
		}
		return err
	}, nil
}
