package cli

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/draft"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/lint"
	"github.com/reliefkit/relief/internal/safefile"
	"github.com/reliefkit/relief/internal/tmpl"
)

// PreviewOptions are relief templates preview's inputs.
type PreviewOptions struct {
	TemplatesOptions
	Case    string // --case: a case file to render with; "" for the built-in samples
	AsOf    string
	OutFile string // -o: the PDF or Markdown file to write
	MD      bool   // the Markdown the template produced, not the PDF
	Final   bool
}

// newCmdPreview builds `relief templates preview`.
func newCmdPreview(env Env) *cobra.Command {
	opts := &PreviewOptions{TemplatesOptions: TemplatesOptions{Env: env}}
	cmd := &cobra.Command{
		Use:   "preview NAME -o FILE",
		Short: "Render one template to PDF (or Markdown) with a sample case, to see an edit",
		Long: `preview renders the template NAME, from the layer that wins (--templates, the
config folder, the built-ins), into FILE: the one document, laid out on its page as
relief draft would print it inside its packet. The data comes from --case, or else
from the first built-in sample case that drafts a packet using NAME (the same
samples relief templates lint uses), so a template can be seen without a client
file that happens to need it. With --md, FILE gets the Markdown the template
produced, before layout ("-" prints it).

NAME is a path such as dismissal/declaration.md.tmpl; the ending may be left off,
and a file name alone is enough when only one folder has it. FILE is written
atomically, mode 0600, and replaced only with --force.`,
		Example: `  relief templates preview dismissal/declaration --templates my-templates -o decl.pdf
  relief templates preview sealing/petition --case client.toml -o petition.pdf --force
  relief templates preview cor/petition --md -o -`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Config, opts.ConfigSet = configFlag(c)
			opts.Names = args
			return previewRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Templates, "templates", "", "folder of templates layered over the config folder and the built-ins")
	fl.StringVar(&opts.Case, "case", "", "case file to render with (default: the built-in sample cases)")
	fl.StringVar(&opts.AsOf, "as-of", "", "date to check the case for (YYYY-MM-DD)")
	fl.StringVarP(&opts.OutFile, "out", "o", "", `file to write (required; "-" prints Markdown with --md)`)
	fl.BoolVar(&opts.MD, "md", false, "write the Markdown the template produced instead of the PDF")
	fl.BoolVar(&opts.Final, "final", false, "leave the DRAFT mark off")
	fl.BoolVar(&opts.Force, "force", false, "replace FILE if it exists")
	return cmd
}

func previewRun(opts *PreviewOptions) error {
	if opts.OutFile == "" {
		return usagef("-o FILE is required: the file to write the preview into")
	}
	if opts.OutFile == "-" && !opts.MD {
		return usagef(`-o - prints Markdown only; add --md, or name a PDF file`)
	}
	cfg, err := loadConfig(opts.Env, opts.Config, opts.ConfigSet)
	if err != nil {
		return err
	}
	layers, err := openTemplates(opts.Templates, cfg)
	if err != nil {
		return err
	}
	defer layers.Close()
	entries, err := layers.Set.List()
	if err != nil {
		return err
	}
	name, err := resolveTemplate(opts.Err, entries, opts.Names[0])
	if err != nil {
		return err
	}
	cases, err := previewCases(opts)
	if err != nil {
		return err
	}
	dopt := draft.NewOptions("typed", opts.Final, cfg, layers.Set, creator())
	for _, c := range cases {
		cfg.Merge(c.File)
		rep := eligibility.Check(c.File, eligibility.Options{AsOf: c.AsOf})
		packets, _, err := assemble.Build(c.File, &rep, dopt.Assemble)
		if err != nil {
			var me *assemble.MissingError
			if errors.As(err, &me) && opts.Case == "" {
				continue // another sample may draft it
			}
			return draftError(&DraftOptions{Env: opts.Env, Path: c.Name}, err)
		}
		p, d, ok := draft.Find(packets, name)
		if !ok {
			continue
		}
		fmt.Fprintf(opts.Err, "relief: %s rendered with %s\n", name, c.Name)
		return writePreview(opts, c, &rep, p, d, dopt)
	}
	what := "any built-in sample case"
	if opts.Case != "" {
		what = opts.Case
	}
	msg := fmt.Sprintf("relief: no packet drafted for %s uses %s; try --case with a file whose findings call for it", what, name)
	fmt.Fprintln(opts.Err, msg)
	return invalidInputError{errors.New(msg)}
}

// previewCases is --case, loaded and checked, or the built-in samples.
func previewCases(opts *PreviewOptions) ([]lint.Case, error) {
	if opts.Case == "" {
		return lint.Fixtures()
	}
	f, asOf, err := loadCase(opts.Env, opts.Case, opts.AsOf)
	if err != nil {
		return nil, reportInputError(opts.Err, err)
	}
	return []lint.Case{{Name: opts.Case, File: f, AsOf: asOf}}, nil
}

func writePreview(opts *PreviewOptions, c lint.Case, rep *eligibility.Report, p assemble.Packet, d assemble.Doc, dopt draft.Options) error {
	var data []byte
	if opts.MD {
		r, err := dopt.Templates.Render(d.Template, d.Data, tmpl.Options{})
		if err != nil {
			return draftError(&DraftOptions{Env: opts.Env, Path: c.Name}, err)
		}
		if opts.OutFile == "-" {
			_, err = opts.Out.Write(r.Body)
			return err
		}
		data = r.Body
	} else {
		out, err := draft.Document(c.File, rep, p, d, dopt)
		if err != nil {
			return draftError(&DraftOptions{Env: opts.Env, Path: c.Name}, err)
		}
		data = out.PDF
	}
	dir, file := filepath.Split(opts.OutFile)
	if dir == "" {
		dir = "."
	}
	return safefile.Write(dir, file, data, opts.Force)
}
