//! The GitHub Actions workflow shipped for site maintainers: every `netra`
//! command it runs works on the shipped content, in the order it runs them.

use crate::common::{self, Scratch};

#[test]
fn the_workflows_netra_commands_run_and_report() {
    let text = std::fs::read_to_string(common::repo().join("ci/github/netra-site.yml")).unwrap();
    let workflow: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let commands: Vec<&str> = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .filter(|r| r.starts_with("netra "))
        .collect();
    assert!(
        commands.iter().any(|c| c.starts_with("netra check"))
            && commands.iter().any(|c| c.starts_with("netra build")),
        "{commands:?}"
    );
    // The workflow runs from the site repository, which has the theme in
    // themes/default.
    let s = Scratch::new().with_theme_copy();
    std::fs::create_dir(s.dir.path().join("previous")).unwrap();
    for cmd in &commands {
        let args: Vec<&str> = cmd.split_whitespace().skip(1).collect();
        let out = s.netra(&args);
        assert!(
            out.status.success(),
            "`{cmd}` failed: {}",
            common::stderr(&out)
        );
    }
    let report = std::fs::read_to_string(s.dir.path().join("report.md")).unwrap();
    assert!(report.contains("## netra: what this build changes"));
    assert!(s.output().join("index.html").is_file());
    // The workflow's trigger paths cover the folders editors change.
    let on = &workflow["on"]["pull_request"]["paths"];
    for p in ["content/**", "themes/**"] {
        assert!(
            on.as_sequence()
                .unwrap()
                .iter()
                .any(|x| x.as_str() == Some(p)),
            "pull requests to {p} are not checked"
        );
    }
}
