// Command platform is the game platform's CLI: offline plans, policy checks, pull
// request reviews and studio environment requests. Run `platform --help`.
package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/gameplatform/platform/internal/model/spec"
)

// Exit statuses (a contract: workflows and make targets rely on them).
const (
	exitOK        = 0
	exitViolation = 1 // a mandatory policy violation, or a review that must not pass
	exitBadInput  = 2 // bad input or configuration
)

// exitError carries an exit status through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func badInput(err error) error { return &exitError{code: exitBadInput, err: err} }

// envToday pins the day commands judge expiry dates on, like --today.
const envToday = "PLATFORM_TODAY"

// today returns the moment commands judge expiry dates on: --today, else
// $PLATFORM_TODAY (noon UTC of that day), else the clock.
func today(cmd *cobra.Command) (time.Time, error) {
	v, src := "", "--today"
	if fl := cmd.Flags().Lookup("today"); fl != nil {
		v = fl.Value.String()
	}
	if v == "" {
		v, src = os.Getenv(envToday), envToday
	}
	if v == "" {
		return time.Now(), nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}, badInput(fmt.Errorf("%s: %q is not a date (YYYY-MM-DD)", src, v))
	}
	return t.Add(12 * time.Hour), nil
}

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	root := newRootCmd()
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil && ee.err.Error() != "" {
			fmt.Fprintln(os.Stderr, "error:", ee.err)
		}
		return ee.code
	}
	var ce *spec.ConfigError
	if errors.As(err, &ce) {
		fmt.Fprintln(os.Stderr, "error:", ce)
		return exitBadInput
	}
	fmt.Fprintln(os.Stderr, "error:", err)
	return exitBadInput
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "platform",
		Short: "Plan, check and review the game platform's Azure environments offline",
		Long: `platform runs the game platform's Pulumi program offline (no Azure account and no
Pulumi CLI needed) and works with the resulting plans:

  platform plan --env prod             evaluate a stack's program and show the plan
  platform plan --env prod --format json --out prod.plan.json
  platform env request environments/requests/weekend-playtest.yaml
  platform env list                    every environment: owners, cost, expiry
  platform env expired                 ephemeral environments due for teardown (exit 3)
  platform policy check --plan prod.plan.json   run the policy pack on any plan JSON
  platform policy list                 every policy and its enforcement per tier
  platform review --base base.plan.json --head head.plan.json   the pull-request comment

Exit status: 0 ok, 1 a mandatory policy violation, 2 bad input or configuration.
(make exits 2 whenever a command fails; run bin/platform for these statuses.)

Dates: expiry is judged as of today (UTC); --today YYYY-MM-DD or PLATFORM_TODAY pins
the day, e.g. to see what a command does on another date.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().String("today", "", "judge expiry dates as of this day, YYYY-MM-DD (default: $"+envToday+", else today)")
	root.AddCommand(newPlanCmd())
	root.AddCommand(newEnvCmd())
	root.AddCommand(newPolicyCmd())
	root.AddCommand(newDeployParallelismCmd())
	root.AddCommand(newReviewCmd())
	return root
}
