// Command ccaas-builder is PediLedger's external chaincode builder for chaincode run as a service (CCaaS).
//
// The peer runs <builder>/bin/detect, bin/build and bin/release with the arguments of Fabric's external builder
// protocol. The same binary is installed under the three names and dispatches on the name it was started with.
// A package is accepted when its metadata.json says "type": "ccaas"; its code archive holds only connection.json,
// which tells the peer where the chaincode server already listens. String fields of connection.json may use Go
// template fields ({{.name}}) filled from the JSON object in CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG, so one package
// can point each peer at its own server.
//
// We build our own because the Fabric module proxy does not serve the upstream ccaas_builder module.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

const builderConfigEnv = "CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG"

func main() {
	name := filepath.Base(os.Args[0])
	var err error
	switch name {
	case "detect":
		err = detect(os.Args[1:])
	case "build":
		err = build(os.Args[1:])
	case "release":
		err = release(os.Args[1:])
	default:
		err = fmt.Errorf("started as %q: install this binary as bin/detect, bin/build and bin/release", name)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "::Error: ccaas builder %s: %v\n", name, err)
		os.Exit(1)
	}
}

// detect exits 0 only for packages whose metadata declares the ccaas type; any other package is left to other builders.
func detect(args []string) error {
	if len(args) != 2 {
		return errors.New("usage: detect CHAINCODE_SOURCE_DIR CHAINCODE_METADATA_DIR")
	}
	metadata, err := os.ReadFile(filepath.Join(args[1], "metadata.json"))
	if err != nil {
		return fmt.Errorf("reading metadata.json: %w", err)
	}
	var parsed struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(metadata, &parsed); err != nil {
		return fmt.Errorf("parsing metadata.json: %w", err)
	}
	if !strings.EqualFold(parsed.Type, "ccaas") {
		return fmt.Errorf("package type %q is not ccaas", parsed.Type)
	}
	return nil
}

// build renders connection.json into the build output, with metadata and any META-INF (state database indexes).
func build(args []string) error {
	if len(args) != 3 {
		return errors.New("usage: build CHAINCODE_SOURCE_DIR CHAINCODE_METADATA_DIR BUILD_OUTPUT_DIR")
	}
	sourceDir, metadataDir, outputDir := args[0], args[1], args[2]
	raw, err := os.ReadFile(filepath.Join(sourceDir, "connection.json"))
	if err != nil {
		return fmt.Errorf("the package's code archive must hold connection.json: %w", err)
	}
	rendered, err := renderConnection(raw, os.Getenv(builderConfigEnv))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(outputDir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(outputDir, "connection.json"), rendered, 0o644); err != nil {
		return err
	}
	if err := copyFile(filepath.Join(metadataDir, "metadata.json"), filepath.Join(outputDir, "metadata.json")); err != nil {
		return err
	}
	return copyTreeIfPresent(filepath.Join(sourceDir, "META-INF"), filepath.Join(outputDir, "META-INF"))
}

// release hands the peer the connection details and state database indexes in the layout it expects.
func release(args []string) error {
	if len(args) != 2 {
		return errors.New("usage: release BUILD_OUTPUT_DIR RELEASE_OUTPUT_DIR")
	}
	buildDir, releaseDir := args[0], args[1]
	serverDir := filepath.Join(releaseDir, "chaincode", "server")
	if err := os.MkdirAll(serverDir, 0o755); err != nil {
		return err
	}
	if err := copyFile(filepath.Join(buildDir, "connection.json"), filepath.Join(serverDir, "connection.json")); err != nil {
		return err
	}
	return copyTreeIfPresent(filepath.Join(buildDir, "META-INF", "statedb"), filepath.Join(releaseDir, "statedb"))
}

// renderConnection fills template fields in every string value of connection.json from the builder config JSON.
func renderConnection(raw []byte, configJSON string) ([]byte, error) {
	var connection map[string]any
	if err := json.Unmarshal(raw, &connection); err != nil {
		return nil, fmt.Errorf("parsing connection.json: %w", err)
	}
	values := map[string]any{}
	if configJSON != "" {
		if err := json.Unmarshal([]byte(configJSON), &values); err != nil {
			return nil, fmt.Errorf("parsing %s: %w", builderConfigEnv, err)
		}
	}
	for key, value := range connection {
		text, ok := value.(string)
		if !ok {
			continue
		}
		tmpl, err := template.New(key).Option("missingkey=error").Parse(text)
		if err != nil {
			return nil, fmt.Errorf("connection.json field %s: %w", key, err)
		}
		var out bytes.Buffer
		if err := tmpl.Execute(&out, values); err != nil {
			return nil, fmt.Errorf("connection.json field %s: %w", key, err)
		}
		connection[key] = out.String()
	}
	return json.MarshalIndent(connection, "", "  ")
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

func copyTreeIfPresent(from, to string) error {
	if _, err := os.Stat(from); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return filepath.WalkDir(from, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		relative, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		target := filepath.Join(to, relative)
		if entry.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return copyFile(path, target)
	})
}
