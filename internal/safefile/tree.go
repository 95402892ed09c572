package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// OpenDir opens the folder dir for writing into it without following a
// link: dir must be a folder and not a symbolic link, checked before it is
// opened and again, on the open folder, after (os.SameFile), so a link
// swapped in between is caught. Writes through the returned root (WriteAllIn,
// WriteTreeIn) resolve every name inside the folder at the moment of
// writing: a link put in its place or in a file's place later is never
// written through, and nothing is written outside it.
func OpenDir(dir string) (*os.Root, error) {
	before, err := os.Lstat(dir)
	if err != nil {
		return nil, fmt.Errorf("safefile: %w", err)
	}
	return openChecked(before, dir, func() (*os.Root, error) { return os.OpenRoot(dir) })
}

// openChecked opens, with open, the folder at path that before (its
// Lstat) describes, refusing a link or a non-folder, and checks that the
// folder opened is the one described, so that a link swapped in between
// is caught.
func openChecked(before fs.FileInfo, path string, open func() (*os.Root, error)) (*os.Root, error) {
	if before.Mode()&fs.ModeSymlink != 0 {
		return nil, fmt.Errorf("safefile: %s: %w", path, ErrSymlink)
	}
	if !before.IsDir() {
		return nil, fmt.Errorf("safefile: %s exists and is not a directory", path)
	}
	root, err := open()
	if err != nil {
		return nil, fmt.Errorf("safefile: %w", err)
	}
	after, err := root.Stat(".")
	if err != nil {
		root.Close()
		return nil, fmt.Errorf("safefile: %w", err)
	}
	if !os.SameFile(before, after) {
		root.Close()
		return nil, fmt.Errorf("safefile: %s was replaced while it was opened: %w", path, ErrSymlink)
	}
	return root, nil
}

// subRoot opens (making it, mode 0700 or perm, if missing) the folder sub
// of root, refusing a link as OpenDir does.
func subRoot(root *os.Root, dir, sub string, perm fs.FileMode) (*os.Root, error) {
	if err := root.Mkdir(sub, perm); err == nil {
		if err := root.Chmod(sub, perm); err != nil { // whatever the umask
			return nil, fmt.Errorf("safefile: %w", err)
		}
	} else if !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("safefile: %w", err)
	}
	before, err := root.Lstat(sub)
	if err != nil {
		return nil, fmt.Errorf("safefile: %w", err)
	}
	return openChecked(before, filepath.Join(dir, sub), func() (*os.Root, error) { return root.OpenRoot(sub) })
}

// WriteTree writes a drafting run's files into dir: names are plain file
// names, or "folder/name" for a split packet's documents, whose folders are
// created (mode 0700). Unless force, every target is checked to be absent
// before anything is written, so a run that would replace a file writes
// nothing. Folders are written first and the top level (manifest.json)
// last, so a manifest never lists a file that is not there.
func WriteTree(dir string, files []File, force bool) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("safefile: %w", err)
	}
	defer root.Close()
	return writeTree(root, dir, files, force, 0o600, 0o700)
}

// WriteTreeIn is WriteTree into the folder root is open on (see OpenDir),
// with the same guarantee as WriteAllIn for every file and folder.
func WriteTreeIn(root *os.Root, dir string, files []File, force bool) error {
	return writeTree(root, dir, files, force, 0o600, 0o700)
}

// WriteTreeShared is WriteTree for files that hold no client data and that
// others may read, such as exported templates: files get mode 0644 and
// folders 0755, and a name may be "folder/name" at any depth.
func WriteTreeShared(dir string, files []File, force bool) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("safefile: %w", err)
	}
	defer root.Close()
	return writeTree(root, dir, files, force, 0o644, 0o755)
}

// writeTree writes files into root, grouped by folder, folders first.
func writeTree(root *os.Root, dir string, files []File, force bool, perm, dirPerm fs.FileMode) error {
	groups := map[string][]File{}
	var order []string
	for _, f := range files {
		sub, name := "", f.Name
		if i := strings.LastIndexByte(f.Name, '/'); i >= 0 {
			sub, name = f.Name[:i], f.Name[i+1:]
		}
		if _, ok := groups[sub]; !ok {
			order = append(order, sub)
		}
		groups[sub] = append(groups[sub], File{Name: name, Data: f.Data})
	}
	// The top level goes last.
	sort.SliceStable(order, func(a, b int) bool { return order[a] != "" && order[b] == "" })
	if !force {
		for _, sub := range order {
			for _, f := range groups[sub] {
				if err := checkPath(path(sub, f.Name)); err != nil {
					return err
				}
				if _, err := root.Lstat(filepath.FromSlash(path(sub, f.Name))); err == nil {
					return fmt.Errorf("safefile: %s already exists; nothing was written (use --force to replace): %w",
						filepath.Join(dir, filepath.FromSlash(path(sub, f.Name))), fs.ErrExist)
				}
			}
		}
	}
	for _, sub := range order {
		if err := writeGroup(root, dir, sub, groups[sub], force, perm, dirPerm); err != nil {
			return err
		}
	}
	return nil
}

// checkPath checks each element of a slash-separated path with checkName.
func checkPath(p string) error {
	for _, part := range strings.Split(p, "/") {
		if err := checkName(part); err != nil {
			return err
		}
	}
	return nil
}

// path joins a folder and a name with a slash; sub may be "".
func path(sub, name string) string {
	if sub == "" {
		return name
	}
	return sub + "/" + name
}

// writeGroup writes the files of one folder, sub ("" for root itself),
// opening each folder on the way without following a link.
func writeGroup(root *os.Root, dir, sub string, files []File, force bool, perm, dirPerm fs.FileMode) error {
	r, p := root, dir
	if sub != "" {
		for _, part := range strings.Split(sub, "/") {
			if err := checkName(part); err != nil {
				return err
			}
			s, err := subRoot(r, p, part, dirPerm)
			if r != root {
				r.Close()
			}
			if err != nil {
				return err
			}
			r, p = s, filepath.Join(p, part)
		}
		defer r.Close()
	}
	return writeAll(r, p, files, force, perm)
}

// WriteMissing writes those of files that dir lacks, after checking that
// every one it has is a regular file (not a link) holding the same bytes;
// otherwise it fails as WriteTree does without force, writing nothing.
// It takes as they are files already written with exactly these bytes (by
// a run killed before it recorded them, or by relief draft).
func WriteMissing(dir string, files []File) error {
	root, err := OpenDir(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	return WriteMissingIn(root, dir, files)
}

// WriteMissingIn is WriteMissing into the folder root is open on.
func WriteMissingIn(root *os.Root, dir string, files []File) error {
	var missing []File
	var differ []string
	for _, f := range files {
		if _, err := JoinTree(dir, f.Name); err != nil {
			return err
		}
		b, err := readIn(root, filepath.FromSlash(f.Name), int64(len(f.Data)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			missing = append(missing, f)
		case err != nil || !bytes.Equal(b, f.Data):
			differ = append(differ, f.Name)
		}
	}
	if len(differ) > 0 {
		return fmt.Errorf("safefile: %s already exist(s) in %s with other contents; nothing was written (use --force to replace): %w",
			strings.Join(differ, ", "), dir, fs.ErrExist)
	}
	return writeTree(root, dir, missing, false, 0o600, 0o700)
}

// readIn reads name inside root when it is a regular file, not a link, of
// at most max bytes (ErrTooLarge otherwise).
func readIn(root *os.Root, name string, max int64) ([]byte, error) {
	before, err := root.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !before.Mode().IsRegular() {
		return nil, fmt.Errorf("safefile: %s is not a regular file: %w", name, ErrNotRegular)
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !os.SameFile(before, st) {
		return nil, fmt.Errorf("safefile: %s was replaced while it was read: %w", name, ErrNotRegular)
	}
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err == nil && int64(len(b)) > max {
		err = ErrTooLarge
	}
	return b, err
}
