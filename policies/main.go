// Command policies is the platform's Pulumi policy pack: `pulumi preview
// --policy-pack policies` builds and runs it, and it serves the analyzer protocol
// with policyx.Main. The rules themselves live in policies/rules and also run
// offline in `platform plan` and `platform policy check`.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/gameplatform/platform/policies/pack"
)

func main() {
	if err := policyx.Main(pack.New); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
