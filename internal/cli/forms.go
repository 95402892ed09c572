package cli

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reliefkit/relief/forms"
	"github.com/reliefkit/relief/internal/draft"
)

// NewCmdForms builds `relief forms`: the page frames documents are set on.
func NewCmdForms(env Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "forms",
		Short: "List or show the page frames (pleading paper, form frame, cover, letter)",
		Long: `forms lists the page frames built into relief, from forms/*.toml: the shape of the
paper each document is set on. A template names its frame in its front matter
(frame = "pleading").`,
		Example: `  relief forms list
  relief forms show pleading`,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List the page frames",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			frames, err := draft.BuiltinFrames()
			if err != nil {
				return err
			}
			for _, name := range frames.Names() {
				f := frames[name]
				fmt.Fprintf(env.Out, "%-10s %-9s %s\n", name, f.Kind, f.Description)
			}
			return nil
		},
	}, &cobra.Command{
		Use:   "show NAME",
		Short: "Print a page frame's settings",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := strings.TrimSuffix(args[0], ".toml")
			b, err := fs.ReadFile(forms.FS, name+".toml")
			if err != nil {
				frames, _ := draft.BuiltinFrames()
				fmt.Fprintf(env.Err, "relief: no frame %q; the frames are %s\n", name, strings.Join(frames.Names(), ", "))
				return invalidInputError{fmt.Errorf("no frame %q", name)}
			}
			_, err = env.Out.Write(b)
			return err
		},
	})
	return cmd
}
