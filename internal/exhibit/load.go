package exhibit

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/safefile"
)

func keyOf(i int) string { return "exhibits[" + strconv.Itoa(i) + "].file" }

// Load reads and checks every exhibit f lists, resolving each file
// against the case file's folder. It returns every problem at once as a
// *casefile.Errors whose problems point at the entry's file key (exit 3 in
// the CLI); nothing is returned in part.
func Load(f *casefile.File) ([]Exhibit, error) {
	if len(f.Exhibits) == 0 {
		return nil, nil
	}
	var probs []casefile.Problem
	if len(f.Exhibits) > MaxCount {
		probs = append(probs, problem(f, MaxCount, "a case file may list at most %d exhibits (A to Z); this one lists %d", MaxCount, len(f.Exhibits)))
		return nil, &casefile.Errors{Problems: probs}
	}
	dir := filepath.Dir(f.Path)
	exs := make([]Exhibit, 0, len(f.Exhibits))
	pages := 0
	for i, e := range f.Exhibits {
		ex, err := loadOne(filepath.Join(dir, filepath.FromSlash(e.File)))
		if err != nil {
			probs = append(probs, problem(f, i, "%q: %v", e.File, err))
			continue
		}
		ex.Index, ex.File, ex.Title, ex.Packets = i, e.File, e.Title, e.Packets
		pages += len(ex.Pages)
		if pages > MaxAll {
			probs = append(probs, problem(f, i, "%q: the exhibits come to more than %d pages together; attach fewer or shorter ones", e.File, MaxAll))
			break
		}
		exs = append(exs, ex)
	}
	if len(probs) > 0 {
		return nil, &casefile.Errors{Problems: probs}
	}
	return exs, nil
}

// loadOne reads one exhibit file and checks it by its type.
func loadOne(path string) (Exhibit, error) {
	data, err := readRegular(path)
	if err != nil {
		return Exhibit{}, err
	}
	sum := sha256.Sum256(data)
	ex := Exhibit{SHA256: hex.EncodeToString(sum[:])}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		ex.Kind = PDF
		ex.Data = data
		ex.Pages, err = checkPDF(data)
	case ".png":
		ex.Kind = PNG
		err = ex.image(data, "png")
	case ".jpg", ".jpeg":
		ex.Kind = JPEG
		err = ex.image(data, "jpeg")
	default:
		err = errors.New("is not a PDF, PNG or JPEG file")
	}
	if err != nil {
		return Exhibit{}, err
	}
	return ex, nil
}

// readRegular reads path if it is a regular file (a symbolic link is
// followed only to a regular file) of at most MaxBytes. The size is checked
// on the open file before anything is read, and the read stops at the cap
// whatever the file claims.
func readRegular(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, readErr(err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("is not a regular file (%s); give a PDF or image file", safefile.KindOf(st.Mode()))
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, readErr(err)
	}
	defer file.Close()
	st2, err := file.Stat()
	if err != nil {
		return nil, readErr(err)
	}
	if !st2.Mode().IsRegular() || !os.SameFile(st, st2) {
		return nil, errors.New("changed while it was being opened; try again")
	}
	if st2.Size() > MaxBytes {
		return nil, fmt.Errorf("is %d bytes; an exhibit may be at most %d MiB (%d bytes)", st2.Size(), MaxBytes>>20, MaxBytes)
	}
	data, err := io.ReadAll(io.LimitReader(file, MaxBytes+1))
	if err != nil {
		return nil, readErr(err)
	}
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("grew past %d bytes while it was read", MaxBytes)
	}
	if len(data) == 0 {
		return nil, errors.New("is empty")
	}
	return data, nil
}

func readErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return errors.New("no such file (the path is relative to the case file's folder)")
	}
	return fmt.Errorf("cannot read the file: %v", err)
}
