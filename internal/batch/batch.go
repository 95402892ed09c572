// Package batch is `relief batch`, which drafts many people's packets in
// one run (Draft): the people of a folder of case files or a roster, each
// person's run through the same draft calls and manifest as `relief draft`
// (so both write the same bytes), an ordered worker pool, the summary
// files, the state that lets a re-run skip people whose inputs have not
// changed, and the progress line. The command line checks the flags, reads
// the config file and templates, and turns the Result into an exit code.
package batch

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"sync"

	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/tmpl"
)

// Run calls do(i) for i in [0, n) on up to workers goroutines, and passes
// each result to emit in input order (0, 1, 2, …) as soon as it and every
// result before it are ready, so a slow person holds back only the
// reporting of later ones, never their work. progress, if not nil, is called
// with the number of results finished after each one finishes. emit and
// progress run on the calling goroutine, one at a time. Only results waiting
// for an earlier one are held in memory.
func Run[T any](n, workers int, do func(i int) T, emit func(i int, r T), progress func(done int)) {
	if n <= 0 {
		return
	}
	workers = max(1, min(workers, n))
	type result struct {
		i int
		r T
	}
	jobs := make(chan int)
	results := make(chan result, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results <- result{i, do(i)}
			}
		}()
	}
	go func() {
		for i := range n {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	pending := make(map[int]T)
	next, done := 0, 0
	for res := range results {
		done++
		if progress != nil {
			progress(done)
		}
		pending[res.i] = res.r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			emit(next, r)
			next++
		}
	}
}

// Key is the SHA-256 (hex) of parts, each length-prefixed so that no two
// different lists of parts give the same bytes.
func Key(parts ...string) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TemplatesDigest hashes every template and packet definition the set
// lists, with the layer each comes from, read through Source: a change to
// any template, or a new override in a --templates folder, changes it.
func TemplatesDigest(set *tmpl.Set) (string, error) {
	list, err := set.List()
	if err != nil {
		return "", err
	}
	parts := make([]string, 0, 3*len(list))
	for _, e := range list {
		src, layer, err := set.Source(e.Path)
		if err != nil {
			return "", err
		}
		sum := sha256.Sum256(src)
		parts = append(parts, e.Path, layer, hex.EncodeToString(sum[:]))
	}
	return Key(parts...), nil
}

// Remedies summarises a report for the summary: each remedy found open or
// coming ("1203.4 eligible; 17b discretionary; cor not_yet"), once per
// remedy and outcome in the order the report gives them, and the earliest
// date among the not_yet findings (zero when there is none). Ineligible and
// review findings are left out; the full report has them.
func Remedies(r *eligibility.Report) (string, date.Date) {
	var parts []string
	seen := map[string]bool{}
	var next date.Date
	add := func(f eligibility.Finding) {
		switch f.Outcome {
		case eligibility.Eligible, eligibility.Discretionary, eligibility.Automatic, eligibility.NotYet:
		default:
			return
		}
		if f.Outcome == eligibility.NotYet && !f.EligibleOn.IsZero() && (next.IsZero() || f.EligibleOn.Before(next)) {
			next = f.EligibleOn
		}
		s := f.Remedy + " " + string(f.Outcome)
		if !seen[s] {
			seen[s] = true
			parts = append(parts, s)
		}
	}
	for _, c := range r.Cases {
		for _, n := range c.Counts {
			for _, f := range n.Remedies {
				add(f)
			}
		}
	}
	for _, a := range r.Arrests {
		for _, f := range a.Remedies {
			add(f)
		}
	}
	for _, f := range r.Person.Remedies {
		add(f)
	}
	return strings.Join(parts, "; "), next
}
