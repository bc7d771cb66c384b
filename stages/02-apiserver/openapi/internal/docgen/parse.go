// Parse: the API packages' source, read into struct types and their JSON
// fields with the comments that describe them.
//
// Interface:
//   - Parse(dir, importPath) reads every package below dir and returns the
//     Type of each exported struct type that has something to say, keyed
//     "apps/v1.Deployment".
//   - Type is one struct type's description and its fields' descriptions
//     by JSON name.
//
// Fields are resolved the way encoding/json (and so the openapi package's
// generate.go:jsonFields) resolves them: named by the json tag or the Go
// name, skipped for `json:"-"` and unexported names, and an embedded
// struct without a JSON name contributes its own fields. An embedded
// struct may live in another API package (metav1.TypeMeta), so every
// package is parsed before any field is resolved.
package docgen

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/api/upstream"
)

// APIImportPath is the import path of shared/api, the root below which
// every API package lives.
const APIImportPath = upstream.ModulePath + "shared/api"

// Type is what the comments say about one struct type.
type Type struct {
	// Doc describes the type itself; empty when its comment says nothing
	// a user would read.
	Doc string
	// Fields describes its JSON fields by JSON name, promoted fields of
	// inline embedded structs included. Fields without a description are
	// absent.
	Fields map[string]string
}

// apiPackage is one parsed package: its structs by name, and the values
// of its string constants (which text.go will not mistake for field
// names).
type apiPackage struct {
	rel     string // path below the root: "apps/v1"
	name    string // package clause: "appsv1"
	structs map[string]*structDecl
	values  map[string]bool
}

// structDecl is one struct type as declared.
type structDecl struct {
	pkg     *apiPackage
	name    string
	doc     *ast.CommentGroup
	typ     *ast.StructType
	imports []*ast.ImportSpec // of the file that declares it
}

// field is one resolved JSON field.
type field struct {
	json, goName string
	doc          string
	promoted     bool // from an inline embedded struct
}

// packageSet holds every package of one Parse call; fields memoizes each
// struct's resolved fields.
type packageSet struct {
	importPath string // of the root directory
	byRel      map[string]*apiPackage
	fields     map[*structDecl][]field
	resolving  map[*structDecl]bool // guards against an embedding cycle
}

// Parse reads the non-test Go files of every package below dir, whose
// import path is importPath, and describes their exported struct types.
// Directories named internal or testdata are skipped: neither holds API
// types. It fails if a file does not parse or a struct embeds itself.
func Parse(dir, importPath string) (map[string]Type, error) {
	set := &packageSet{importPath: importPath, byRel: map[string]*apiPackage{},
		fields: map[*structDecl][]field{}, resolving: map[*structDecl]bool{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() || p == dir {
			return nil // the root holds packages; it is not one
		}
		if d.Name() == "internal" || d.Name() == "testdata" {
			return filepath.SkipDir
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		return set.parseDir(p, filepath.ToSlash(rel))
	})
	if err != nil {
		return nil, fmt.Errorf("parse api packages: %w", err)
	}

	out := map[string]Type{}
	for _, pkg := range set.byRel {
		for _, s := range pkg.structs {
			if !ast.IsExported(s.name) {
				continue
			}
			fields, err := set.resolve(s)
			if err != nil {
				return nil, err
			}
			t := Type{Doc: describeType(s.doc), Fields: map[string]string{}}
			for _, f := range fields {
				if f.doc != "" {
					t.Fields[f.json] = f.doc
				}
			}
			if t.Doc != "" || len(t.Fields) > 0 {
				out[pkg.rel+"."+s.name] = t
			}
		}
	}
	return out, nil
}

// parseDir parses the package in directory p, if it has one.
func (set *packageSet) parseDir(p, rel string) error {
	entries, err := os.ReadDir(p)
	if err != nil {
		return err
	}
	fset := token.NewFileSet()
	var pkg *apiPackage
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, filepath.Join(p, name), nil, parser.ParseComments)
		if err != nil {
			return err
		}
		if pkg == nil {
			pkg = &apiPackage{rel: rel, name: file.Name.Name, structs: map[string]*structDecl{}, values: map[string]bool{}}
			set.byRel[rel] = pkg
		}
		pkg.collect(file)
	}
	return nil
}

// collect records file's struct types and string constants in pkg.
func (pkg *apiPackage) collect(file *ast.File) {
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gen.Specs {
			switch spec := spec.(type) {
			case *ast.TypeSpec:
				st, ok := spec.Type.(*ast.StructType)
				if !ok {
					continue
				}
				doc := spec.Doc
				if doc == nil && !gen.Lparen.IsValid() {
					doc = gen.Doc // "// T is ..." above a lone "type T struct"
				}
				pkg.structs[spec.Name.Name] = &structDecl{pkg: pkg, name: spec.Name.Name, doc: doc, typ: st, imports: file.Imports}
			case *ast.ValueSpec:
				for _, v := range spec.Values {
					if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						if s, err := strconv.Unquote(lit.Value); err == nil {
							pkg.values[s] = true
						}
					}
				}
			}
		}
	}
}

// resolve returns s's JSON fields in declaration order, promoted fields
// in the place of the struct that brings them, with their descriptions.
func (set *packageSet) resolve(s *structDecl) ([]field, error) {
	if fields, ok := set.fields[s]; ok {
		return fields, nil
	}
	if set.resolving[s] {
		return nil, fmt.Errorf("%s.%s embeds itself", s.pkg.rel, s.name)
	}
	set.resolving[s] = true
	defer delete(set.resolving, s)

	var all []field
	for _, f := range s.typ.Fields.List {
		jsonName, skip := jsonTag(f)
		if skip {
			continue
		}
		if len(f.Names) == 0 { // embedded
			goName := typeName(f.Type)
			if inner := set.lookup(s, f.Type); inner != nil && jsonName == "" {
				fields, err := set.resolve(inner)
				if err != nil {
					return nil, err
				}
				for _, pf := range fields {
					pf.promoted = true
					all = append(all, pf)
				}
				continue
			}
			if !ast.IsExported(goName) {
				continue
			}
			all = append(all, field{json: cmp.Or(jsonName, goName), goName: goName, doc: rawDoc(f.Doc)})
			continue
		}
		for _, n := range f.Names {
			if ast.IsExported(n.Name) {
				all = append(all, field{json: cmp.Or(jsonName, n.Name), goName: n.Name, doc: rawDoc(f.Doc)})
			}
		}
	}

	// The struct's own field names, Go to JSON, for text.go to rewrite.
	siblings := map[string]string{}
	for _, f := range all {
		if !f.promoted {
			siblings[f.goName] = f.json
		}
	}
	declared := map[string]bool{}
	for i, f := range all {
		if !f.promoted {
			declared[f.json] = true
			all[i].doc = describeField(f.doc, f.goName, f.json, siblings, s.pkg.values)
		}
	}
	var out []field
	seen := map[string]bool{}
	for _, f := range all {
		if seen[f.json] || (f.promoted && declared[f.json]) {
			continue
		}
		seen[f.json] = true
		out = append(out, f)
	}
	set.fields[s] = out
	return out, nil
}

// lookup finds the struct that type expression expr, written in s's
// file, names: T or *T in s's package, pkg.T or *pkg.T in another API
// package. It returns nil for anything else (a non-struct type, a type
// outside the API packages).
func (set *packageSet) lookup(s *structDecl, expr ast.Expr) *structDecl {
	if star, ok := expr.(*ast.StarExpr); ok {
		expr = star.X
	}
	switch e := expr.(type) {
	case *ast.Ident:
		return s.pkg.structs[e.Name]
	case *ast.SelectorExpr:
		local, ok := e.X.(*ast.Ident)
		if !ok {
			return nil
		}
		for _, imp := range s.imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				continue
			}
			rel, ok := strings.CutPrefix(p, set.importPath+"/")
			if !ok {
				continue
			}
			pkg := set.byRel[rel]
			if pkg == nil {
				continue
			}
			name := pkg.name
			if imp.Name != nil {
				name = imp.Name.Name
			}
			if name == local.Name {
				return pkg.structs[e.Sel.Name]
			}
		}
	}
	return nil
}

// jsonTag returns the name in f's json tag (empty when the tag names
// none) and whether encoding/json skips f.
func jsonTag(f *ast.Field) (name string, skip bool) {
	if f.Tag == nil {
		return "", false
	}
	raw, err := strconv.Unquote(f.Tag.Value)
	if err != nil {
		return "", false
	}
	tag := reflect.StructTag(raw).Get("json")
	if tag == "-" {
		return "", true
	}
	name, _, _ = strings.Cut(tag, ",")
	return name, false
}

// typeName is the Go name an embedded field of type expr gets: the type's
// own name without package or pointer.
func typeName(expr ast.Expr) string {
	if star, ok := expr.(*ast.StarExpr); ok {
		expr = star.X
	}
	switch e := expr.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}

// rawDoc is a comment's text without comment markers.
func rawDoc(cg *ast.CommentGroup) string {
	if cg == nil {
		return ""
	}
	return cg.Text()
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
