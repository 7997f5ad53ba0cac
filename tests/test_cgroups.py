"""The cgroup code on both hierarchies, against a fake cgroup filesystem: this machine has only one
of them (CI: v1; the GPU box: v2), and the other must not first run in production. What the
kernel does with the files is proven by the canary and the adversarial tests on the real one."""

import pytest

from classic_grade.sandbox import cgroups


@pytest.fixture
def fake_v2(tmp_path, monkeypatch):
    root = tmp_path / "cgroup"
    root.mkdir()
    (root / "cgroup.controllers").write_text("cpuset cpu io memory hugetlb pids\n")
    (root / "cgroup.subtree_control").write_text("memory\n")
    monkeypatch.setattr(cgroups, "_mounts", lambda: [(str(root), "cgroup2", "rw")])
    return root


def test_v2_one_directory_per_job_with_both_bounds(fake_v2):
    groups = cgroups.Cgroups(root=fake_v2)
    assert groups.version == 2, groups.problem
    base = groups.bases["unified"]
    assert base.parent == fake_v2 and base.name.startswith("classic-grade-")
    assert "+pids +memory" in (base / "cgroup.subtree_control").read_text()
    assert "+pids +memory" in (fake_v2 / "cgroup.subtree_control").read_text()   # pids was not enabled
    job = groups.create(processes=64, memory=1 << 30)
    directory = job.directories["unified"]
    assert (directory / "pids.max").read_text() == "64"
    assert (directory / "memory.max").read_text() == str(1 << 30)
    assert job.procs_files == [str(directory / "cgroup.procs")]
    (directory / "memory.events").write_text("low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n")
    (directory / "pids.events").write_text("max 2\n")
    assert job.oom_kills() == 1 and job.refused_forks() == 2


def test_v1_a_directory_per_controller_below_our_own_cgroup(tmp_path, monkeypatch):
    hierarchies = {name: tmp_path / name for name in ("pids", "memory")}
    for directory in hierarchies.values():
        (directory / "grader" / "slice").mkdir(parents=True)
    monkeypatch.setattr(cgroups, "_mounts", lambda: [(str(d), "cgroup", f"rw,{n}") for n, d in hierarchies.items()])
    monkeypatch.setattr(cgroups, "_own_path", lambda controller: "/grader/slice")
    groups = cgroups.Cgroups(root=tmp_path / "unified-absent")
    assert groups.version == 1, groups.problem
    job = groups.create(processes=16, memory=512 << 20)
    assert job.directories["pids"].parent.parent == hierarchies["pids"] / "grader" / "slice"
    assert (job.directories["pids"] / "pids.max").read_text() == "16"
    assert (job.directories["memory"] / "memory.limit_in_bytes").read_text() == str(512 << 20)
    (job.directories["memory"] / "memory.oom_control").write_text("oom_kill_disable 0\nunder_oom 0\noom_kill 2\n")
    assert job.oom_kills() == 2 and job.refused_forks() == 0


def test_no_writable_hierarchy_means_no_cgroups(tmp_path, monkeypatch):
    monkeypatch.setattr(cgroups, "_mounts", lambda: [])
    groups = cgroups.Cgroups(root=tmp_path)
    assert not groups.available and groups.create(64, 1 << 30) is None
    assert groups.describe().startswith("none")
