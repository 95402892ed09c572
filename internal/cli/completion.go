package cli

import (
	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/draft"
)

// flagValues are the fixed values of flags, by flag name, for shell
// completion wherever a command has the flag.
var flagValues = map[string][]string{
	"packet": assemble.Kinds,
	"sign":   signStyles,
	"layout": layouts,
	"lang":   casefile.Languages(),
	"kind":   starterKinds,
}

// The values of --sign, --layout (draft and batch) and init's --kind, for
// their checks and their completion.
var (
	signStyles   = []string{"typed", "wet"}
	layouts      = []string{draft.LayoutForm, draft.LayoutPleading}
	starterKinds = []string{"dismissal", "cor", "pardon", "sealing"}
)

// addCompletions teaches every command's shell completion what relief's
// arguments are: case files for the commands that read them, the built-in
// template names for the templates subcommands that take one, and the
// fixed values of flags such as --packet and --sign.
func addCompletions(root *cobra.Command) {
	tomlFiles := func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"toml"}, cobra.ShellCompDirectiveFilterFileExt
	}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for name, values := range flagValues {
			if c.Flags().Lookup(name) != nil {
				_ = c.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
			}
		}
		if c.Flags().Lookup("case") != nil {
			_ = c.RegisterFlagCompletionFunc("case", tomlFiles)
		}
		switch c.CommandPath() {
		case "relief check", "relief draft", "relief letter", "relief calendar":
			c.ValidArgsFunction = tomlFiles
		case "relief templates show", "relief templates preview", "relief templates export":
			c.ValidArgsFunction = templateNames
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// templateNames completes the built-in templates' paths.
func templateNames(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	entries, err := draft.Builtin().List()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Path)
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}
