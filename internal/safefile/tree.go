package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
)

// WriteTree writes a drafting run's files into dir: names are plain file
// names, or "folder/name" for a split packet's documents, whose folders are
// created (mode 0700). Unless force, every target is checked to be absent
// before anything is written, so a run that would replace a file writes
// nothing. Folders are written first and the top level (manifest.json)
// last, so a manifest never lists a file that is not there.
func WriteTree(dir string, files []File, force bool) error {
	groups := map[string][]File{}
	var order []string
	for _, f := range files {
		sub, name := "", f.Name
		if i := strings.IndexByte(f.Name, '/'); i >= 0 {
			sub, name = f.Name[:i], f.Name[i+1:]
		}
		if _, ok := groups[sub]; !ok {
			order = append(order, sub)
		}
		groups[sub] = append(groups[sub], File{Name: name, Data: f.Data})
	}
	// The top level goes last.
	sort.SliceStable(order, func(a, b int) bool { return order[a] != "" && order[b] == "" })
	paths := map[string]string{}
	for _, sub := range order {
		p := dir
		if sub != "" {
			var err error
			// A split packet's folder, refused if it is a link.
			if p, err = SubDir(dir, sub); err != nil {
				return err
			}
		}
		paths[sub] = p
		if force {
			continue
		}
		for _, f := range groups[sub] {
			target, err := Join(p, f.Name)
			if err != nil {
				return err
			}
			if _, err := os.Lstat(target); err == nil {
				return fmt.Errorf("safefile: %s already exists; nothing was written (use --force to replace): %w", target, fs.ErrExist)
			}
		}
	}
	for _, sub := range order {
		if err := Dir(paths[sub]); err != nil {
			return err
		}
		if err := WriteAll(paths[sub], groups[sub], force); err != nil {
			return err
		}
	}
	return nil
}

// WriteMissing writes those of files that dir lacks, after checking that
// every one it has is a regular file (not a link) holding the same bytes;
// otherwise it fails as WriteTree does without force, writing nothing.
// It takes as they are files already written with exactly these bytes (by
// a run killed before it recorded them, or by relief draft).
func WriteMissing(dir string, files []File) error {
	var missing []File
	var differ []string
	for _, f := range files {
		// Read only a regular file, not through a link, and no more than
		// the bytes it would have to hold.
		p, err := JoinTree(dir, f.Name)
		if err != nil {
			return err
		}
		b, err := ReadRegular(p, int64(len(f.Data)), NoFollow)
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
	return WriteTree(dir, missing, false)
}
