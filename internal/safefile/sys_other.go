//go:build !unix

package safefile

const (
	openNonblock = 0
	openNoFollow = 0 // OpenRegular checks with Lstat first instead
)

func isLoop(error) bool { return false }
