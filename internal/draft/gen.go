package draft

//go:generate go run ./gen
