// Command docgen writes the openapi package's descriptions_generated.go
// from the doc comments in shared/api. The openapi package runs it with
// go generate; the work is in package docgen.
package main
