package cli

import (
	"embed"
	"fmt"

	"github.com/spf13/cobra"
)

//go:embed starters/*.toml
var starters embed.FS

// InitOptions are relief init's inputs.
type InitOptions struct {
	Env
	Kind string
}

// NewCmdInit builds `relief init`.
func NewCmdInit(env Env, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{Env: env}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Print an annotated case file to fill in",
		Example: `  relief init > client.toml
  relief init --kind sealing > arrest.toml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Kind, "kind", "dismissal", "starting point: dismissal, cor, pardon or sealing")
	return cmd
}

func initRun(opts *InitOptions) error {
	if err := oneOf("kind", opts.Kind, starterKinds); err != nil {
		return err
	}
	b, err := starters.ReadFile("starters/" + opts.Kind + ".toml")
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(opts.Out, string(b))
	return err
}
