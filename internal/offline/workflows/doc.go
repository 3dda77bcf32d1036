// Package workflows keeps the repository's GitHub Actions workflows honest: its tests
// lint .github/workflows with actionlint (as a library, pinned in go.mod), so a broken
// workflow fails `make test`, and check the project's own rules — actions pinned to
// full commit SHAs, least-privilege permissions, concurrency groups.
package workflows
