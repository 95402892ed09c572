//go:build !unix

package cli

func specialFiles() []badExhibit { return nil }
