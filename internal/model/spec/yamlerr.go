package spec

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// maxLineProbes bounds the re-parses YAMLSyntaxError spends finding the line.
const maxLineProbes = 200

// YAMLSyntaxError turns a yaml.v3 parse error of data into a field error at the line
// the problem is on. yaml.v3 reports the line where the enclosing construct starts,
// counted from 0 for parser errors and from 1 for scanner errors (an unclosed `[`
// on line 3 is reported as line 2, a tab on line 3 as line 2), so the line is found
// by re-parsing: the problem is on the first line whose prefix of data fails with
// the very same error. parse must parse a document the way the caller did.
func YAMLSyntaxError(data []byte, err error, parse func([]byte) error) *FieldError {
	msg := err.Error()
	m := yamlLineRE.FindStringSubmatch(msg)
	if m == nil {
		return &FieldError{Msg: "parsing YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	}
	reported, _ := strconv.Atoi(m[1])
	fe := &FieldError{Line: reported, Msg: "parsing YAML: " + m[2]}
	lines := bytes.SplitAfter(data, []byte("\n"))
	end := 0
	for k := 1; k <= len(lines); k++ {
		end += len(lines[k-1])
		if k < reported {
			continue
		}
		if k >= reported+maxLineProbes {
			break
		}
		if perr := parse(data[:end]); perr != nil && perr.Error() == msg {
			fe.Line = k
			break
		}
	}
	return fe
}
