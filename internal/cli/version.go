package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
)

// NewCmdVersion builds `relief version`.
func NewCmdVersion(env Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print relief's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(env.Out, "relief %s (%s)\n", version(), runtime.Version())
			return err
		},
	}
}
