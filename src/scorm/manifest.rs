//! `imsmanifest.xml` for a packed course: one organization with one item, launching one SCO (the player,
//! `index.html`), and every file of the zip listed on its resource, as the SCORM content packaging rules
//! require.

use super::Version;
use crate::pack::xml::escape as xml;
use crate::package::Manifest;
use thiserror::Error;

/// A manifest that cannot be written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ManifestError {
    #[error("the launch file `{0}` is not among the files of the package")]
    NoLaunch(String),
}

/// An XML ID (NCName) made from `s`: letters, digits, `-`, `_`, `.`, starting with a letter.
pub fn identifier(prefix: &str, s: &str) -> String {
    let body: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{prefix}-{}", body.trim_matches('-'))
}

/// The manifest for `package`, launching `launch`, listing `files` (every file of the zip except the
/// manifest itself, sorted).
pub fn imsmanifest(
    version: Version,
    package: &Manifest,
    files: &[String],
    launch: &str,
) -> Result<String, ManifestError> {
    if !files.iter().any(|f| f == launch) {
        return Err(ManifestError::NoLaunch(launch.to_owned()));
    }
    let title = xml(package.title.get(&package.language, &package.language));
    let id = identifier(
        "pacer",
        package.id.split("://").nth(1).unwrap_or(&package.id),
    );
    let file_list: String = files
        .iter()
        .map(|f| format!("      <file href=\"{}\"/>\n", xml(f)))
        .collect();
    let version_attr = xml(&package.version);
    // Everything below the metadata is the same in both editions but the SCO's type attribute.
    let scorm_type = match version {
        Version::Scorm12 => "adlcp:scormtype",
        Version::Scorm2004 => "adlcp:scormType",
    };
    let body = format!(
        r#"  <organizations default="org-1">
    <organization identifier="org-1">
      <title>{title}</title>
      <item identifier="item-1" identifierref="sco-1" isvisible="true">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco-1" type="webcontent" {scorm_type}="sco" href="{launch}">
{file_list}    </resource>
  </resources>
</manifest>
"#,
        launch = xml(launch)
    );
    let head = match version {
        Version::Scorm12 => format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{id}" version="{version_attr}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
"#
        ),
        Version::Scorm2004 => format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{id}" version="{version_attr}"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
"#
        ),
    };
    Ok(head + &body)
}
