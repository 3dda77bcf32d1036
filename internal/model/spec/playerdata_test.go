package spec

import (
	"testing"

	"github.com/gameplatform/platform/internal/model/tier"
)

func TestPlayerDataDefaultsFromTheTierProfile(t *testing.T) {
	s, _, err := LoadFile(writeFile(t, threeRegions), "test", testNow)
	if err != nil {
		t.Fatal(err)
	}
	want := PlayerData{Consistency: ConsistencySession, MaxThroughput: tier.Of(TierDev).PlayerData.MaxThroughput, StorageGiB: tier.Of(TierDev).PlayerData.StorageGiB}
	if s.PlayerData != want {
		t.Errorf("playerData defaults = %+v, want %+v", s.PlayerData, want)
	}
	s, _, err = LoadFile(writeFile(t, threeRegions+"  game-platform:playerData: {consistency: Eventual, maxThroughput: 4000, storageGiB: 20}\n"), "test", testNow)
	if err != nil {
		t.Fatal(err)
	}
	if want := (PlayerData{Consistency: ConsistencyEventual, MaxThroughput: 4000, StorageGiB: 20}); s.PlayerData != want {
		t.Errorf("playerData = %+v, want %+v", s.PlayerData, want)
	}
}

func TestPlayerDataValidation(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"{consistency: Strong}", "FILE: playerData.consistency: Strong is not available when every region writes"},
		{"{consistency: session}", `FILE: playerData.consistency: must be one of Session, Eventual, ConsistentPrefix, BoundedStaleness (leave it unset for Session), got "session"`},
		{"{maxThroughput: 0}", "FILE: playerData.maxThroughput: must be 1000-1000000 RU/s in steps of 1000"},
		{"{maxThroughput: 1500}", "FILE: playerData.maxThroughput: must be 1000-1000000 RU/s in steps of 1000 (autoscale maximum per region), got 1500"},
		{"{maxThroughput: 1001000}", "FILE: playerData.maxThroughput: must be 1000-1000000"},
		{"{storageGiB: -1}", "FILE: playerData.storageGiB: must be 1-1000000 GiB, got -1"},
		{"{maxThroughputs: 1000}", `FILE: playerData.maxThroughputs: unknown key (did you mean "maxThroughput"?)`},
	} {
		wantProblem(t, threeRegions+"  game-platform:playerData: "+tc.body+"\n", tc.want)
	}
	// The boundaries pass.
	for _, body := range []string{"{maxThroughput: 1000, storageGiB: 1}", "{maxThroughput: 1000000, storageGiB: 1000000, consistency: BoundedStaleness}"} {
		if _, got := loadProblems(t, threeRegions+"  game-platform:playerData: "+body+"\n"); len(got) > 0 {
			t.Errorf("%s: %q", body, got)
		}
	}
}
