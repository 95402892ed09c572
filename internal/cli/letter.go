package cli

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/draft"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/safefile"
)

// LetterOptions are relief letter's inputs.
type LetterOptions struct {
	Env
	Path      string
	AsOf      string
	OutDir    string
	Lang      string // "" means the case file's petitioner.language, else English
	Templates string
	Force     bool
	Final     bool
	Config    string
	ConfigSet bool
}

// NewCmdLetter builds `relief letter`.
func NewCmdLetter(env Env, runF func(*LetterOptions) error) *cobra.Command {
	opts := &LetterOptions{Env: env}
	cmd := &cobra.Command{
		Use:   "letter CASE.toml",
		Short: "Write the client a plain-language letter (English or Spanish) about what can be cleared",
		Long: `letter checks the case file, then writes DIR/letter-<lang>.pdf: a letter to the
client in plain words saying, case by case, what relief is open now, what opens
later and on which date, what is not available and why, what the client does
next, and what clearing a record does and does not do. The words are the
templates letter/en/letter.md.tmpl and letter/es/letter.md.tmpl, which an office
may rewrite (--templates). The letterhead is the config file's [letterhead],
else the attorney's name and address.

--lang defaults to the case file's petitioner.language, else English. The file
is written atomically with mode 0600 and never replaces an existing file unless
--force. Every page says DRAFT until --final.`,
		Example: `  relief letter examples/probation-completed/case.toml -o out/
  relief letter client.toml --lang es -o out/`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			opts.Config, opts.ConfigSet = configFlag(cmd)
			if runF != nil {
				return runF(opts)
			}
			return letterRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.AsOf, "as-of", "", "date the letter speaks for (YYYY-MM-DD); also the PDF's creation date")
	fl.StringVarP(&opts.OutDir, "out", "o", ".", "folder to write the letter into (created with mode 0700)")
	fl.StringVar(&opts.Lang, "lang", "", "language of the letter: en or es (default: the case file's petitioner.language, else en)")
	fl.StringVar(&opts.Templates, "templates", "", "folder of templates layered over the config file's folder and the built-ins")
	fl.BoolVar(&opts.Force, "force", false, "replace a letter that already exists")
	fl.BoolVar(&opts.Final, "final", false, "leave the DRAFT mark off (after attorney review)")
	return cmd
}

func letterRun(opts *LetterOptions) error {
	if opts.Lang != "" {
		if err := oneOf("lang", opts.Lang, casefile.Languages()); err != nil {
			return err
		}
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
	f, asOf, err := loadCase(opts.Env, opts.Path, opts.AsOf)
	if err != nil {
		return reportInputError(opts.Err, err)
	}
	cfg.Merge(f)
	rep := eligibility.Check(f, eligibility.Options{AsOf: asOf})
	lang := letterLang(opts.Lang, f)
	dopt := draft.NewOptions("typed", opts.Final, cfg, layers.Set, creator())
	out, err := draft.Letter(f, &rep, lang, dopt)
	if err != nil {
		return draftError(&DraftOptions{Env: opts.Env, Path: opts.Path}, err)
	}
	if err := safefile.Dir(opts.OutDir); err != nil {
		return err
	}
	if err := safefile.Write(opts.OutDir, out.Packet.FileName, out.PDF, opts.Force); err != nil {
		return err
	}
	fmt.Fprintf(opts.Out, "wrote %s (%d %s)\n", filepath.Join(opts.OutDir, out.Packet.FileName), out.Pages, plural(out.Pages, "page", "pages"))
	if !opts.Final {
		fmt.Fprintln(opts.Out, "Every page is marked DRAFT for attorney review.")
	}
	return nil
}

// letterLang is the letter's language: --lang, else the case file's
// petitioner.language, else English.
func letterLang(flag string, f *casefile.File) string { return draft.LetterLang(flag, f) }
