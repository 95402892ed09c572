package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/reliefkit/relief/internal/suggest"
)

// typeUsageErrors makes every command-line mistake cobra finds a
// usageError, so that Main maps it to exit 2 by its type: a wrong number
// of arguments (each command's Args), an unknown command (the root's Args)
// and an unknown or malformed flag (the flag error function, inherited by
// every command).
func typeUsageErrors(root *cobra.Command) {
	root.SuggestionsMinimumDistance = 2
	root.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		msg := fmt.Sprintf("unknown command %q", args[0])
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			msg += fmt.Sprintf("; did you mean %q?", s[0])
		}
		return usageError{fmt.Errorf("%s", msg)}
	}
	// The root runs only when no subcommand matched; with no arguments it
	// shows its help, as cobra does for a command that cannot run.
	root.RunE = func(cmd *cobra.Command, args []string) error { return cmd.Help() }
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{withFlagSuggestion(c, err)}
	})
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if args := sub.Args; args != nil {
				sub.Args = func(cmd *cobra.Command, a []string) error {
					if err := args(cmd, a); err != nil {
						return usageError{err}
					}
					return nil
				}
			}
			walk(sub)
		}
	}
	walk(root)
}

// withFlagSuggestion adds "did you mean --x?" to pflag's unknown-flag error
// when a flag of the command is a likely typo away.
func withFlagSuggestion(c *cobra.Command, err error) error {
	msg := err.Error()
	name, ok := strings.CutPrefix(msg, "unknown flag: --")
	if !ok {
		return err
	}
	var names []string
	c.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	c.InheritedFlags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	if s := suggest.Closest(name, names); s != "" {
		return fmt.Errorf("%s; did you mean --%s?", msg, s)
	}
	return err
}

// oneOf checks a flag's value against the values it takes, suggesting the
// nearest one for a typo.
func oneOf(flag, value string, allowed []string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	msg := fmt.Sprintf("--%s %q is not one of %s", flag, value, strings.Join(allowed, ", "))
	if s := suggest.Closest(value, allowed); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return usageError{fmt.Errorf("%s", msg)}
}
