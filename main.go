// Command game-platform is the Pulumi program of the game platform. It does nothing
// but hand the stack to stacks.Run; see README.md.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/stacks"
)

func main() {
	pulumi.Run(stacks.Run)
}
