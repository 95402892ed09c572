package casefile

import "github.com/reliefkit/relief/internal/date"

// SampleName is the petitioner's name in the sample case file `relief
// init` writes; a file that still holds it is sample data, not a client's.
const SampleName = "Jane Q. Client"

// AsOfFor is the day f is judged on: opt.AsOf when given (--as-of), else
// the file's own as_of, else opt.Today() (which the caller should make
// read the clock at most once per run).
func AsOfFor(f *File, opt Options) date.Date {
	switch {
	case !opt.AsOf.IsZero():
		return opt.AsOf
	case !f.AsOf.IsZero():
		return f.AsOf
	case opt.Today != nil:
		return opt.Today()
	}
	return date.Date{}
}

// LoadAsOf loads and validates a case file (see Load) and returns it with
// the day it is judged on (see AsOfFor).
func LoadAsOf(path string, opt Options) (*File, date.Date, error) {
	f, err := Load(path, opt)
	if err != nil {
		return nil, date.Date{}, err
	}
	return f, AsOfFor(f, opt), nil
}
