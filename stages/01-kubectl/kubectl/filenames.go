// Manifest sources: what -f, -R and "-" point at.
//
// Interface:
//   - FilenameOptions holds -f/--filename (repeatable) and -R/--recursive,
//     registered by AddFilenameFlags with upstream's help text.
//   - (FilenameOptions).Sources expands them into an ordered list of
//     manifestSource: plain files as given, directories walked for
//     .json, .yaml and .yml files (subdirectories only with -R), "-"
//     for standard input, and http:// or https:// URLs.
//   - readSource reads one source's bytes; a URL with one GET.
//
// manifests.go splits each source into documents and decodes them.

package kubectl

import (
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// FilenameOptions are the -f and -R flags.
type FilenameOptions struct {
	Filenames []string
	Recursive bool
}

// AddFilenameFlags registers -f and -R on fs; usage completes the -f help
// ("that contains the configuration to apply").
func (o *FilenameOptions) AddFilenameFlags(fs *pflag.FlagSet, usage string) {
	fs.StringSliceVarP(&o.Filenames, "filename", "f", nil, usage)
	fs.BoolVarP(&o.Recursive, "recursive", "R", false, "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.")
}

// manifestSource is one file, URL or stdin, holding one or more
// documents. Name is what messages quote: the path or URL as given, or
// "STDIN".
type manifestSource struct {
	Name  string
	Stdin bool
	URL   bool
}

// urlTimeout bounds the GET of a manifest URL, so an unreachable host
// fails the command instead of hanging it.
const urlTimeout = 30 * time.Second

// manifestExtensions are the file endings a directory walk picks up.
var manifestExtensions = []string{".json", ".yaml", ".yml"}

// Sources expands the flags. A missing path is an error naming it, in
// upstream's words: `the path "x.yaml" does not exist`.
func (o FilenameOptions) Sources() ([]manifestSource, error) {
	var out []manifestSource
	for _, name := range o.Filenames {
		if name == "-" {
			out = append(out, manifestSource{Name: "STDIN", Stdin: true})
			continue
		}
		if strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") {
			if _, err := url.ParseRequestURI(name); err != nil {
				return nil, fmt.Errorf("the URL passed to filename %q is not valid: %w", name, err)
			}
			out = append(out, manifestSource{Name: name, URL: true})
			continue
		}
		info, err := os.Stat(name)
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("the path %q does not exist", name)
		}
		if err != nil {
			return nil, fmt.Errorf("the path %q cannot be accessed: %w", name, err)
		}
		if !info.IsDir() {
			out = append(out, manifestSource{Name: name})
			continue
		}
		files, err := walkManifestDir(name, o.Recursive)
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	return out, nil
}

// walkManifestDir lists the manifest files under dir in lexical order
// (filepath.WalkDir's order),
// descending into subdirectories only when recursive.
func walkManifestDir(dir string, recursive bool) ([]manifestSource, error) {
	var out []manifestSource
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("walk %q: %w", path, err)
		}
		if d.IsDir() {
			if path != dir && !recursive {
				return filepath.SkipDir
			}
			return nil
		}
		for _, ext := range manifestExtensions {
			if strings.HasSuffix(path, ext) {
				out = append(out, manifestSource{Name: path})
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// readSource returns the bytes of src; stdin is read from in, a URL is
// fetched (see readURL).
func readSource(src manifestSource, in io.Reader) ([]byte, error) {
	if src.URL {
		return readURL(src.Name)
	}
	if src.Stdin {
		data, err := io.ReadAll(in)
		if err != nil {
			return nil, fmt.Errorf("read STDIN: %w", err)
		}
		return data, nil
	}
	data, err := os.ReadFile(src.Name)
	if err != nil {
		return nil, fmt.Errorf("read %q: %w", src.Name, err)
	}
	return data, nil
}

// readURL GETs a manifest from an http(s) URL with a plain client: no
// kubeconfig credentials (the URL is not the API server), the system's
// trusted CAs, a time limit. Any answer but 200 OK is an error with
// upstream's wording. Upstream also retries 5xx answers; this does not.
func readURL(u string) ([]byte, error) {
	client := &http.Client{Timeout: urlTimeout}
	resp, err := client.Get(u)
	if err != nil {
		return nil, fmt.Errorf("unable to read URL %q: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("unable to read URL %q, server reported %s, status code=%d", u, resp.Status, resp.StatusCode)
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("unable to read URL %q: %w", u, err)
	}
	return data, nil
}
