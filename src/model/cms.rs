//! `cms:` in `site.yaml`: the browser editor (Decap CMS) the build writes
//! to `admin/`, and the repository it saves to.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CmsConfig {
    /// Where the editor saves: a Git host, or `local` for `decap-server`
    /// on the editor's own machine.
    pub backend: CmsBackend,
    /// `owner/name` of the repository, for `github` and `gitlab`.
    #[serde(default)]
    pub repo: Option<String>,
    /// The branch edits are committed to.
    #[serde(default = "default_branch")]
    pub branch: String,
    /// Address of the OAuth service that logs editors in to GitHub or
    /// GitLab (Decap's `base_url`), when it is not Netlify's.
    #[serde(default)]
    pub auth_url: Option<String>,
    /// GitLab: the id of the OAuth application, for a login without a
    /// server of one's own (PKCE).
    #[serde(default)]
    pub app_id: Option<String>,
    /// The content folder's path inside the repository.
    #[serde(default = "default_folder")]
    pub content_folder: String,
    /// Port of `decap-server` on the editor's machine: with `backend:
    /// local` the only place the editor saves to; with any other backend
    /// it is used instead when the site is opened from `localhost`.
    #[serde(default)]
    pub local_port: Option<u16>,
}

/// The Git hosts Decap CMS can save to, as named in `site.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CmsBackend {
    Github,
    Gitlab,
    /// Netlify Identity with Git Gateway.
    GitGateway,
    /// `decap-server`, reading and writing the files of a local clone.
    Local,
    /// Decap's in-memory demo: nothing is saved.
    TestRepo,
}

impl CmsBackend {
    /// The name written in `site.yaml`.
    pub fn key(self) -> &'static str {
        match self {
            CmsBackend::Github => "github",
            CmsBackend::Gitlab => "gitlab",
            CmsBackend::GitGateway => "git-gateway",
            CmsBackend::Local => "local",
            CmsBackend::TestRepo => "test-repo",
        }
    }
}

impl CmsConfig {
    /// `decap-server`'s own port, when `local_port` is not given.
    pub const DEFAULT_LOCAL_PORT: u16 = 8081;
}

fn default_branch() -> String {
    "main".into()
}

fn default_folder() -> String {
    "content".into()
}
