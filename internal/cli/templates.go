package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/internal/config"
	"github.com/reliefkit/relief/internal/draft"
	"github.com/reliefkit/relief/internal/inputtext"
	"github.com/reliefkit/relief/internal/lint"
	"github.com/reliefkit/relief/internal/safefile"
	"github.com/reliefkit/relief/internal/tmpl"
	"github.com/reliefkit/relief/templates"
)

// TemplatesOptions are the inputs of relief templates and its subcommands.
type TemplatesOptions struct {
	Env
	Config    string // the config file to read; "" for none
	ConfigSet bool   // --config was given, so the file must exist
	Templates string // --templates: the user's folder (list, show)
	Names     []string
	Dir       string // export: where to; lint: the folder to check
	Force     bool
	Cases     string // lint: a glob of case files
	JSON      bool
}

// NewCmdTemplates builds `relief templates` and its subcommands. runF, when
// set, replaces the run function of every subcommand, which tests use to
// see the parsed options; its first argument names the subcommand.
func NewCmdTemplates(env Env, runF func(string, *TemplatesOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "templates",
		Short: "List, show, export, check and describe the templates the papers are drafted from",
		Long: `The words of every packet come from templates: Markdown with {{...}} placeholders,
one file per document (*.md.tmpl). relief looks for each template in three layers
and takes the first it finds:

  user      the folder given with --templates
  config    the folder named by "templates" in the config file (--config)
  built-in  the templates inside relief

To change the words, export the built-ins, edit the copies, check them with lint,
then draft with --templates (or name the folder in the config file). See
docs/templates.md.`,
		Example: `  relief templates list
  relief templates show dismissal/declaration.md.tmpl
  relief templates export --dir my-templates
  relief templates lint my-templates
  relief templates preview dismissal/declaration --templates my-templates -o decl.pdf
  relief draft client.toml -o out/ --templates my-templates
  relief templates fields dismissal`,
		Args: cobra.NoArgs, // an unknown subcommand is a usage error
		RunE: func(c *cobra.Command, args []string) error { return c.Help() },
	}
	run := func(name string, opts *TemplatesOptions, fn func(*TemplatesOptions) error) func(*cobra.Command, []string) error {
		return func(c *cobra.Command, args []string) error {
			opts.Config, opts.ConfigSet = configFlag(c)
			opts.Names = args
			if runF != nil {
				return runF(name, opts)
			}
			return fn(opts)
		}
	}

	list := &TemplatesOptions{Env: env}
	listCmd := &cobra.Command{
		Use:   "list",
		Short: "List every template with the layer it comes from and what it shadows",
		Args:  cobra.NoArgs,
		RunE:  run("list", list, templatesListRun),
	}
	listCmd.Flags().StringVar(&list.Templates, "templates", "", "folder of templates layered over the config folder and the built-ins")
	listCmd.Flags().BoolVar(&list.JSON, "json", false, "print the list as JSON")

	show := &TemplatesOptions{Env: env}
	showCmd := &cobra.Command{
		Use:   "show NAME",
		Short: "Print a template's source, from the layer that wins",
		Long: `show prints the template NAME as relief would use it: from the --templates folder,
else the config folder, else the built-ins. NAME is a path such as
dismissal/declaration.md.tmpl; the .md.tmpl ending may be left off, and a file
name alone (declaration) is enough when only one folder has it.`,
		Example: `  relief templates show dismissal/declaration.md.tmpl
  relief templates show dismissal/cover > cover.md.tmpl`,
		Args: cobra.ExactArgs(1),
		RunE: run("show", show, templatesShowRun),
	}
	showCmd.Flags().StringVar(&show.Templates, "templates", "", "folder of templates layered over the config folder and the built-ins")

	export := &TemplatesOptions{Env: env}
	exportCmd := &cobra.Command{
		Use:   "export [NAME...] --dir DIR",
		Short: "Copy the built-in templates into a folder to edit",
		Long: `export copies built-in templates (all of them when no NAME is given) into DIR,
keeping their paths (DIR/dismissal/petition.md.tmpl, …), so that DIR can be used
with --templates or named in the config file. Files are written atomically, mode
0644. Nothing is written when a file already exists, unless --force.`,
		Example: `  relief templates export --dir my-templates
  relief templates export dismissal/declaration.md.tmpl --dir my-templates`,
		RunE: run("export", export, templatesExportRun),
	}
	exportCmd.Flags().StringVar(&export.Dir, "dir", "", "folder to copy the templates into (required)")
	exportCmd.Flags().BoolVar(&export.Force, "force", false, "replace files that already exist")

	lintOpts := &TemplatesOptions{Env: env}
	lintCmd := &cobra.Command{
		Use:   "lint [DIR]",
		Short: "Check templates: syntax, fields, layout and whole packets, against sample cases",
		Long: `lint checks the templates in DIR (layered over the config folder and the
built-ins, as relief draft --templates DIR would use them), or, without DIR, every
template relief would use. Each template is parsed; then every document is
rendered with the data of built-in sample cases (probation granted, discretionary
relief with a statement, six counts, arrests to seal, a Certificate of
Rehabilitation, a pardon) and of any --cases files, laid out on its page, and each
packet is drafted whole. Problems are printed as file:line:col: message, naming
the file in DIR to fix; the exit status is then 3.`,
		Example: `  relief templates lint my-templates
  relief templates lint my-templates --cases 'clients/*.toml'`,
		Args: cobra.MaximumNArgs(1),
		RunE: run("lint", lintOpts, templatesLintRun),
	}
	lintCmd.Flags().StringVar(&lintOpts.Cases, "cases", "", "also render against the case files matching this pattern (quote it)")

	fields := &TemplatesOptions{Env: env}
	fieldsCmd := &cobra.Command{
		Use:   "fields [FOLDER]",
		Short: "Describe the data each document template can use",
		Long: `fields lists every value a document template can print or test, as a path to
write between {{ and }}, with its kind and what it holds. A path with [] is a
field of each item of a list, used inside {{range}}:

  {{range .Counts}}{{.Offense}}{{end}}

Text from the case file is already escaped for Markdown. FOLDER (dismissal,
sealing, cor, pardon) limits the list to the documents of that folder.`,
		Example: `  relief templates fields dismissal
  relief templates fields --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: run("fields", fields, templatesFieldsRun),
	}
	fieldsCmd.Flags().BoolVar(&fields.JSON, "json", false, "print the fields as JSON")

	cmd.AddCommand(listCmd, showCmd, exportCmd, lintCmd, fieldsCmd, newCmdPreview(env))
	return cmd
}

// configFlag returns the config file a command should read and whether it
// was named with --config. Without --config it is the default file, which
// may be absent; "" when there is no default location.
func configFlag(c *cobra.Command) (string, bool) {
	if f := c.Flag("config"); f != nil && f.Changed {
		return f.Value.String(), true
	}
	p, err := config.DefaultPath()
	if err != nil {
		return "", false
	}
	return p, false
}

// loadConfig reads the config file at p. An absent file is no settings
// unless explicit; problems in the file are printed and are invalid input.
func loadConfig(env Env, p string, explicit bool) (config.Config, error) {
	if p == "" {
		if explicit {
			return config.Config{}, usagef("--config needs a file name")
		}
		return config.Config{}, nil
	}
	c, err := config.Load(p)
	switch {
	case err == nil:
		return c, nil
	case errors.Is(err, fs.ErrNotExist) && !explicit:
		return config.Config{}, nil
	case errors.Is(err, fs.ErrNotExist):
		return config.Config{}, usagef("--config %s: no such file", p)
	}
	var ce *config.Error
	if errors.As(err, &ce) {
		fmt.Fprintln(env.Err, inputtext.EscapeLines(err.Error()))
		return config.Config{}, invalidInputError{err}
	}
	return config.Config{}, err
}

// templateLayers is a layered template set and where its layers are.
type templateLayers struct {
	Set   *tmpl.Set
	Dirs  map[string]string // layer name → folder, for messages
	roots []*os.Root
}

func (t *templateLayers) Close() {
	for _, r := range t.roots {
		r.Close()
	}
}

// layerDir opens dir as a template layer. os.Root keeps template reads
// inside the folder, even through symlinks.
func (t *templateLayers) add(name, dir, flag string) (tmpl.Layer, error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return tmpl.Layer{}, usagef("%s %s: not a folder", flag, dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return tmpl.Layer{}, usagef("%s %s: %v", flag, dir, err)
	}
	if err := checkLayerNames(root, dir); err != nil {
		root.Close()
		return tmpl.Layer{}, err
	}
	t.roots = append(t.roots, root)
	t.Dirs[name] = dir
	// A FIFO or device among the templates must not hang a run.
	return tmpl.Layer{Name: name, FS: safefile.RootFS(root)}, nil
}

// checkLayerNames refuses a template folder holding a template, partial
// or packet file (or a folder on the way to one) whose name has a control
// character or another character that would act on a terminal: every
// message about the file would have to show its name, and a name that
// rewrites the terminal line is no name to review.
func checkLayerNames(root *os.Root, dir string) error {
	return fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".tmpl") && !strings.HasSuffix(p, ".toml") {
			return nil
		}
		if inputtext.Escape(p) != p {
			return inputErrorf("%s: the file name has a control or invisible character (shown escaped); rename the file", filepath.Join(dir, filepath.FromSlash(p)))
		}
		return nil
	})
}

// openTemplates builds the template set relief drafts with: the user's
// folder (when given), then the config file's folder (when set), then the
// built-ins. The caller closes it.
func openTemplates(userDir string, cfg config.Config) (*templateLayers, error) {
	t := &templateLayers{Dirs: map[string]string{}}
	var layers []tmpl.Layer
	if userDir != "" {
		l, err := t.add("user", userDir, "--templates")
		if err != nil {
			t.Close()
			return nil, err
		}
		layers = append(layers, l)
	}
	if cfg.Templates != "" {
		l, err := t.add("config", cfg.Templates, "the config file's templates folder")
		if err != nil {
			t.Close()
			return nil, err
		}
		layers = append(layers, l)
	}
	layers = append(layers, tmpl.Layer{Name: lint.BuiltinLayer, FS: templates.FS})
	t.Set = tmpl.NewSet(layers...)
	return t, nil
}

func (o *TemplatesOptions) open() (*templateLayers, error) {
	cfg, err := loadConfig(o.Env, o.Config, o.ConfigSet)
	if err != nil {
		return nil, err
	}
	return openTemplates(o.Templates, cfg)
}

// templateKind names what a listed file is.
func templateKind(p string) string {
	switch {
	case strings.HasSuffix(p, ".md.tmpl"):
		return "document"
	case strings.HasSuffix(p, ".toml"):
		return "packet"
	}
	return "partial"
}

type listedLayer struct {
	Name string `json:"name"`
	Dir  string `json:"dir,omitempty"`
}

type listedTemplate struct {
	Path    string   `json:"path"`
	Kind    string   `json:"kind"`
	Layer   string   `json:"layer"`
	Shadows []string `json:"shadows"`
}

func templatesListRun(opts *TemplatesOptions) error {
	t, err := opts.open()
	if err != nil {
		return err
	}
	defer t.Close()
	entries, err := t.Set.List()
	if err != nil {
		return err
	}
	var layers []listedLayer
	for _, name := range []string{"user", "config", lint.BuiltinLayer} {
		if dir, ok := t.Dirs[name]; ok || name == lint.BuiltinLayer {
			layers = append(layers, listedLayer{Name: name, Dir: dir})
		}
	}
	list := make([]listedTemplate, len(entries))
	for i, e := range entries {
		list[i] = listedTemplate{Path: e.Path, Kind: templateKind(e.Path), Layer: e.Layer, Shadows: e.Shadows}
		if list[i].Shadows == nil {
			list[i].Shadows = []string{}
		}
	}
	if opts.JSON {
		return writeJSON(opts.Out, struct {
			Layers    []listedLayer    `json:"layers"`
			Templates []listedTemplate `json:"templates"`
		}{layers, list})
	}
	w := tabwriter.NewWriter(opts.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "TEMPLATE\tKIND\tLAYER\tSHADOWS")
	for _, e := range list {
		// A template's path is a file name from the user's folder.
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", inputtext.Escape(e.Path), e.Kind, e.Layer, inputtext.Escape(strings.Join(e.Shadows, ", ")))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(opts.Out)
	fmt.Fprintln(opts.Out, "Layers, first wins:")
	for _, l := range layers {
		where := l.Dir
		if l.Name == lint.BuiltinLayer {
			where = "inside relief (relief templates export copies them)"
		}
		fmt.Fprintf(opts.Out, "  %-8s  %s\n", l.Name, where)
	}
	return nil
}

// resolveTemplate finds the template a person means by name among
// entries: the path itself, the path without its .md.tmpl or .tmpl
// ending, or a file name found in only one folder. An unknown or
// ambiguous name is printed with suggestions and is invalid input.
func resolveTemplate(w io.Writer, entries []tmpl.Entry, name string) (string, error) {
	paths := make([]string, len(entries))
	for i, e := range entries {
		paths[i] = e.Path
	}
	clean := strings.TrimPrefix(filepath.ToSlash(name), "./")
	for _, p := range []string{clean, clean + ".md.tmpl", clean + ".tmpl"} {
		if slices.Contains(paths, p) {
			return p, nil
		}
	}
	var byBase []string
	for _, p := range paths {
		b := path.Base(p)
		if b == clean || strings.TrimSuffix(b, ".md.tmpl") == clean || strings.TrimSuffix(b, ".tmpl") == clean {
			byBase = append(byBase, p)
		}
	}
	if len(byBase) == 1 {
		return byBase[0], nil
	}
	var msg string
	if len(byBase) > 1 {
		msg = fmt.Sprintf("relief: %q could be any of %s; give the folder too", name, strings.Join(byBase, ", "))
	} else {
		msg = fmt.Sprintf("relief: no template %q", name)
		if near := lint.Near(clean, paths, 3); len(near) > 0 {
			msg += "; did you mean " + orList(near) + "?"
		}
		msg += " (relief templates list shows them all)"
	}
	fmt.Fprintln(w, msg)
	return "", invalidInputError{errors.New(msg)}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func orList(s []string) string {
	switch len(s) {
	case 1:
		return s[0]
	case 2:
		return s[0] + " or " + s[1]
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

func templatesShowRun(opts *TemplatesOptions) error {
	t, err := opts.open()
	if err != nil {
		return err
	}
	defer t.Close()
	entries, err := t.Set.List()
	if err != nil {
		return err
	}
	p, err := resolveTemplate(opts.Err, entries, opts.Names[0])
	if err != nil {
		return err
	}
	src, _, err := t.Set.Source(p)
	if err != nil {
		return err
	}
	_, err = opts.Out.Write(src)
	return err
}

func templatesExportRun(opts *TemplatesOptions) error {
	if opts.Dir == "" {
		return usagef("export needs --dir DIR, the folder to copy the templates into")
	}
	set := draft.Builtin()
	entries, err := set.List()
	if err != nil {
		return err
	}
	var want []string
	if len(opts.Names) == 0 {
		for _, e := range entries {
			want = append(want, e.Path)
		}
	}
	for _, n := range opts.Names {
		p, err := resolveTemplate(opts.Err, entries, n)
		if err != nil {
			return err
		}
		if !slices.Contains(want, p) {
			want = append(want, p)
		}
	}
	files := make([]exportFile, len(want))
	for i, p := range want {
		src, _, err := set.Source(p)
		if err != nil {
			return err
		}
		files[i] = exportFile{Path: p, Data: src}
	}
	if err := exportTemplates(opts.Dir, files, opts.Force); err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintf(opts.Out, "wrote %s\n", filepath.Join(opts.Dir, filepath.FromSlash(f.Path)))
	}
	fmt.Fprintf(opts.Out, "Edit them, check them with `relief templates lint %s`, then draft with --templates %s.\n", opts.Dir, opts.Dir)
	return nil
}

// exportFile is one template to write, by its slash-separated path.
type exportFile struct {
	Path string
	Data []byte
}

// exportTemplates writes files under dir, creating folders (0755) as
// needed. Templates hold no client data, so files are 0644. It checks every
// target first and, unless force, writes nothing when any exists; the
// files are written by safefile.WriteTreeShared, as every output is: each
// in full to a temporary file, then given its name by a hard link (which
// never replaces a file) or with force a rename, inside dir.
func exportTemplates(dir string, files []exportFile, force bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return usagef("--dir %s: %v", dir, unwrapPath(err))
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return usagef("--dir %s: %v", dir, unwrapPath(err))
	}
	defer root.Close()
	var exist []string
	for _, f := range files {
		st, err := root.Lstat(filepath.FromSlash(f.Path))
		switch {
		case err == nil && st.IsDir():
			return usagef("%s is a folder; move it away first", filepath.Join(dir, filepath.FromSlash(f.Path)))
		case err == nil:
			exist = append(exist, filepath.Join(dir, filepath.FromSlash(f.Path)))
		case !errors.Is(err, fs.ErrNotExist):
			return err
		}
	}
	if len(exist) > 0 && !force {
		what := "1 file already exists"
		if len(exist) > 1 {
			what = fmt.Sprintf("%d files already exist", len(exist))
		}
		return usagef("%s; nothing was written (use --force to replace them):\n  %s", what, strings.Join(exist, "\n  "))
	}
	out := make([]safefile.File, len(files))
	for i, f := range files {
		out[i] = safefile.File{Name: f.Path, Data: f.Data}
	}
	err = safefile.WriteTreeShared(dir, out, force)
	if errors.Is(err, fs.ErrExist) {
		return usagef("a template appeared in %s while exporting; nothing more was written (use --force to replace it): %v", dir, err)
	}
	return err
}

// unwrapPath drops the "op path:" part of an error when the message names
// the path already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func templatesLintRun(opts *TemplatesOptions) error {
	cfg, err := loadConfig(opts.Env, opts.Config, opts.ConfigSet)
	if err != nil {
		return err
	}
	lo := lint.Options{Creator: "relief " + version() + " (lint)"}
	var dir string
	if len(opts.Names) == 1 {
		dir = opts.Names[0]
		lo.Layer = "user"
	}
	t, err := openTemplates(dir, cfg)
	if err != nil {
		return err
	}
	defer t.Close()
	lo.Dirs = t.Dirs
	if opts.Cases != "" {
		paths, err := filepath.Glob(opts.Cases)
		if err != nil {
			return usagef("--cases %s: %v", opts.Cases, err)
		}
		if len(paths) == 0 {
			return usagef("--cases %s: no file matches", opts.Cases)
		}
		for _, p := range paths {
			f, asOf, err := loadCase(opts.Env, p, "")
			if err != nil {
				return reportInputError(opts.Err, err)
			}
			lo.Cases = append(lo.Cases, lint.Case{Name: p, File: f, AsOf: asOf})
		}
	}
	res, err := lint.Check(t.Set, lo)
	if err != nil {
		return err
	}
	for _, n := range res.Notes {
		fmt.Fprintf(opts.Err, "relief: note: %s\n", n)
	}
	for _, p := range res.Problems {
		fmt.Fprintln(opts.Err, inputtext.EscapeLines(fmt.Sprint(p)))
	}
	if n := len(res.Problems); n > 0 {
		noun, them := "problems", "them"
		if n == 1 {
			noun, them = "problem", "it"
		}
		err := fmt.Errorf("%d %s in the templates", n, noun)
		fmt.Fprintf(opts.Err, "relief: %v; fix %s before drafting with these templates\n", err, them)
		return invalidInputError{err}
	}
	fmt.Fprintf(opts.Out, "ok: %d %s checked against %d %s\n", res.Templates, plural(res.Templates, "template", "templates"), res.Cases, plural(res.Cases, "case", "cases"))
	return nil
}

func templatesFieldsRun(opts *TemplatesOptions) error {
	models, err := lint.Models()
	if err != nil {
		return err
	}
	if len(opts.Names) == 1 {
		folder := strings.Trim(filepath.ToSlash(opts.Names[0]), "/")
		var names []string
		models = slices.DeleteFunc(models, func(m lint.Model) bool {
			f := strings.TrimSuffix(m.Templates, "/*.md.tmpl")
			names = append(names, f)
			return f != folder && strings.TrimSuffix(f, "/*") != folder // "letter" names letter/*
		})
		if len(models) == 0 {
			return usagef("no documents in a folder %q; the folders are %s", opts.Names[0], strings.Join(names, ", "))
		}
	}
	if opts.JSON {
		return writeJSON(opts.Out, models)
	}
	fmt.Fprintln(opts.Out, "Write a path between {{ and }}: {{.Petitioner.Name}}. A path with [] is a field of")
	fmt.Fprintln(opts.Out, "each item of a list, inside {{range}}: {{range .Counts}}{{.Offense}}{{end}}.")
	fmt.Fprintln(opts.Out, "Text from the case file is already escaped for Markdown.")
	for _, m := range models {
		fmt.Fprintf(opts.Out, "\n%s see %s: %s\n\n", m.Templates, m.Name, m.Description)
		w := tabwriter.NewWriter(opts.Out, 0, 4, 2, ' ', 0)
		for _, f := range m.Fields {
			fmt.Fprintf(w, "  %s\t%s\t%s\n", f.Path, f.Type, f.Description)
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	return nil
}
