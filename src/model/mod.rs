//! The typed files: gallery roles, `galleri.yaml`, catalogs and appointments.
//!
//! Values that diagnostics point at are kept as `Spanned<T>`; every struct rejects unknown fields.

mod appointments;
mod catalog;
mod entries;
mod gallery;
mod phase;
mod vocabulary;

pub use appointments::{Appointments, Person, RoleHolders, SystemAppointments};
pub use catalog::{
    Aendring, Catalog, CatalogRole, DocumentStatus, Dokument, KlikTask, Overlap, TaskPart,
};
pub use entries::Entries;
pub use gallery::{Duty, Galleri, GalleryRole, GalleryVersion, Gruppe, Maade, Mark, Udpegning};
pub use phase::{Phase, Status};
pub use vocabulary::{Integration, Theme};
