//! A queue page's GET parameters: the filters (status, priority, category, group, assignee,
//! level, type, text), the sorted column and the paging, parsed strictly so that a bad value
//! is named to the reader instead of being ignored, and written back into links so that
//! sorting and paging keep the filters.

use escalade_app::tickets::queues::open_statuses;
use escalade_core::ids::{CategoryId, GroupId, UserId};
use escalade_core::ticket::{Priority, Status, SupportLevel, TicketType};
use escalade_store::tickets::{Sort, TicketQuery};

/// Rows per page a reader may choose.
pub const PER_PAGE_CHOICES: [i64; 3] = [25, 50, 100];

/// Which statuses to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Still being worked on (the default).
    #[default]
    Open,
    /// Any status.
    Any,
    /// One status.
    One(Status),
}

/// Which group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupFilter {
    /// Any.
    #[default]
    Any,
    /// Tickets without a group.
    Nobody,
    /// One group.
    One(GroupId),
}

/// Which assignee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AssigneeFilter {
    /// Any.
    #[default]
    Any,
    /// The reader.
    Me,
    /// Nobody.
    Nobody,
    /// One agent.
    One(UserId),
}

/// A sortable column of the queue table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Ticket number (creation order).
    Number,
    /// Subject.
    Subject,
    /// Status (workflow order).
    Status,
    /// Priority.
    Priority,
    /// Requester's name.
    Requester,
    /// Group's name.
    Group,
    /// Assignee's name.
    Assignee,
    /// Last change.
    Updated,
}

impl Column {
    /// The columns, in table order.
    pub const ALL: [Column; 8] = [
        Column::Number,
        Column::Subject,
        Column::Status,
        Column::Priority,
        Column::Requester,
        Column::Group,
        Column::Assignee,
        Column::Updated,
    ];

    /// The key in the `sort` parameter.
    pub fn key(self) -> &'static str {
        match self {
            Column::Number => "number",
            Column::Subject => "subject",
            Column::Status => "status",
            Column::Priority => "priority",
            Column::Requester => "requester",
            Column::Group => "group",
            Column::Assignee => "assignee",
            Column::Updated => "updated",
        }
    }

    fn parse(key: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The direction a first click sorts in: newest, most pressing and latest first; names
    /// and statuses from the top of the alphabet or the workflow.
    pub fn first_descending(self) -> bool {
        matches!(self, Column::Number | Column::Priority | Column::Updated)
    }

    /// The store's order for this column and direction ("descending" priority means most
    /// pressing first).
    pub fn sort(self, descending: bool) -> Sort {
        match (self, descending) {
            (Column::Number, true) => Sort::NewestFirst,
            (Column::Number, false) => Sort::OldestFirst,
            (Column::Subject, false) => Sort::SubjectAsc,
            (Column::Subject, true) => Sort::SubjectDesc,
            (Column::Status, false) => Sort::StatusAsc,
            (Column::Status, true) => Sort::StatusDesc,
            (Column::Priority, true) => Sort::PriorityDesc,
            (Column::Priority, false) => Sort::PriorityAsc,
            (Column::Requester, false) => Sort::RequesterAsc,
            (Column::Requester, true) => Sort::RequesterDesc,
            (Column::Group, false) => Sort::GroupAsc,
            (Column::Group, true) => Sort::GroupDesc,
            (Column::Assignee, false) => Sort::AssigneeAsc,
            (Column::Assignee, true) => Sort::AssigneeDesc,
            (Column::Updated, true) => Sort::UpdatedDesc,
            (Column::Updated, false) => Sort::UpdatedAsc,
        }
    }
}

/// The sorted column and direction; written `priority` or `-priority` (descending).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortKey {
    /// Column.
    pub column: Column,
    /// Descending.
    pub descending: bool,
}

impl Default for SortKey {
    /// Most pressing first: what an agent works through.
    fn default() -> Self {
        SortKey {
            column: Column::Priority,
            descending: true,
        }
    }
}

impl SortKey {
    /// The `sort` parameter's value.
    pub fn param(self) -> String {
        format!(
            "{}{}",
            if self.descending { "-" } else { "" },
            self.column.key()
        )
    }

    fn parse(s: &str) -> Option<SortKey> {
        let (descending, key) = match s.strip_prefix('-') {
            Some(k) => (true, k),
            None => (false, s),
        };
        Column::parse(key).map(|column| SortKey { column, descending })
    }
}

/// A parameter whose value is not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    /// The parameter.
    pub field: &'static str,
    /// What came.
    pub value: String,
}

/// Every parameter of a queue page, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filters {
    /// Status.
    pub status: StatusFilter,
    /// Priority.
    pub priority: Option<Priority>,
    /// Category.
    pub category: Option<CategoryId>,
    /// Group.
    pub group: GroupFilter,
    /// Assignee.
    pub assignee: AssigneeFilter,
    /// Level.
    pub level: Option<SupportLevel>,
    /// Type.
    pub kind: Option<TicketType>,
    /// Text in the subject.
    pub text: String,
    /// Order.
    pub sort: SortKey,
    /// Page from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            status: StatusFilter::default(),
            priority: None,
            category: None,
            group: GroupFilter::default(),
            assignee: AssigneeFilter::default(),
            level: None,
            kind: None,
            text: String::new(),
            sort: SortKey::default(),
            page: 1,
            per_page: PER_PAGE_CHOICES[0],
        }
    }
}

/// The longest subject text searched for.
const MAX_TEXT: usize = 200;

fn bad(field: &'static str, value: &str) -> FilterError {
    FilterError {
        field,
        value: value.chars().take(80).collect(),
    }
}

fn id_of(field: &'static str, v: &str) -> Result<i64, FilterError> {
    v.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| bad(field, v))
}

impl Filters {
    /// Parses a query string; unknown parameters are ignored, empty ones mean "any" (that is
    /// what a form's blank choice sends), and the last of repeated ones wins.
    pub fn parse(raw: Option<&str>) -> Result<Filters, FilterError> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw.unwrap_or("")).map_err(|_| bad("query", ""))?;
        let mut f = Filters::default();
        for (k, v) in &pairs {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            match k.as_str() {
                "status" => {
                    f.status = match v {
                        "open" => StatusFilter::Open,
                        "any" => StatusFilter::Any,
                        s => StatusFilter::One(
                            Status::parse("status", s).map_err(|_| bad("status", s))?,
                        ),
                    }
                }
                "priority" => {
                    f.priority =
                        Some(Priority::parse("priority", v).map_err(|_| bad("priority", v))?)
                }
                "category" => f.category = Some(CategoryId(id_of("category", v)?)),
                "group" => {
                    f.group = match v {
                        "none" => GroupFilter::Nobody,
                        g => GroupFilter::One(GroupId(id_of("group", g)?)),
                    }
                }
                "assignee" => {
                    f.assignee = match v {
                        "me" => AssigneeFilter::Me,
                        "none" => AssigneeFilter::Nobody,
                        u => AssigneeFilter::One(UserId(id_of("assignee", u)?)),
                    }
                }
                "level" => {
                    f.level = Some(
                        v.parse::<i64>()
                            .ok()
                            .and_then(|n| SupportLevel::new(n).ok())
                            .ok_or_else(|| bad("level", v))?,
                    )
                }
                "type" => f.kind = Some(TicketType::parse("type", v).map_err(|_| bad("type", v))?),
                "q" => {
                    if v.chars().count() > MAX_TEXT {
                        return Err(bad("q", v));
                    }
                    f.text = v.to_string();
                }
                "sort" => f.sort = SortKey::parse(v).ok_or_else(|| bad("sort", v))?,
                "page" => {
                    f.page = v
                        .parse::<i64>()
                        .ok()
                        .filter(|p| (1..=1_000_000).contains(p))
                        .ok_or_else(|| bad("page", v))?
                }
                "per_page" => {
                    f.per_page = v
                        .parse::<i64>()
                        .ok()
                        .filter(|n| PER_PAGE_CHOICES.contains(n))
                        .ok_or_else(|| bad("per_page", v))?
                }
                _ => {}
            }
        }
        Ok(f)
    }

    /// The store's query for these filters as `me` reads them (before the queue's own rules).
    pub fn to_query(&self, me: UserId) -> TicketQuery {
        TicketQuery {
            status: match self.status {
                StatusFilter::Open => open_statuses(),
                StatusFilter::Any => Vec::new(),
                StatusFilter::One(s) => vec![s],
            },
            priority: self.priority.into_iter().collect(),
            kind: self.kind.into_iter().collect(),
            category: self.category,
            group: match self.group {
                GroupFilter::Any => None,
                GroupFilter::Nobody => Some(None),
                GroupFilter::One(g) => Some(Some(g)),
            },
            assignee: match self.assignee {
                AssigneeFilter::Any => None,
                AssigneeFilter::Me => Some(Some(me)),
                AssigneeFilter::Nobody => Some(None),
                AssigneeFilter::One(u) => Some(Some(u)),
            },
            level: self.level,
            text: (!self.text.is_empty()).then(|| self.text.clone()),
            sort: self.sort.column.sort(self.sort.descending),
            page: self.page,
            per_page: self.per_page,
            ..TicketQuery::default()
        }
    }

    /// The filter parameters that differ from the defaults (not sort nor paging), in a fixed
    /// order: what the change stamp depends on.
    pub fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        match self.status {
            StatusFilter::Open => {}
            StatusFilter::Any => out.push(("status", "any".to_string())),
            StatusFilter::One(s) => out.push(("status", s.as_str().to_string())),
        }
        if let Some(p) = self.priority {
            out.push(("priority", p.as_str().to_string()));
        }
        if let Some(c) = self.category {
            out.push(("category", c.0.to_string()));
        }
        match self.group {
            GroupFilter::Any => {}
            GroupFilter::Nobody => out.push(("group", "none".into())),
            GroupFilter::One(g) => out.push(("group", g.0.to_string())),
        }
        match self.assignee {
            AssigneeFilter::Any => {}
            AssigneeFilter::Me => out.push(("assignee", "me".into())),
            AssigneeFilter::Nobody => out.push(("assignee", "none".into())),
            AssigneeFilter::One(u) => out.push(("assignee", u.0.to_string())),
        }
        if let Some(l) = self.level {
            out.push(("level", l.get().to_string()));
        }
        if let Some(k) = self.kind {
            out.push(("type", k.as_str().to_string()));
        }
        if !self.text.is_empty() {
            out.push(("q", self.text.clone()));
        }
        out
    }

    /// Every parameter that differs from the defaults, paging included.
    pub fn all_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = self.filter_pairs();
        if self.sort != SortKey::default() {
            out.push(("sort", self.sort.param()));
        }
        if self.per_page != PER_PAGE_CHOICES[0] {
            out.push(("per_page", self.per_page.to_string()));
        }
        if self.page != 1 {
            out.push(("page", self.page.to_string()));
        }
        out
    }

    /// How many filters the reader set.
    pub fn active(&self) -> usize {
        self.filter_pairs().len()
    }

    /// The same filters on another page.
    pub fn on_page(&self, page: i64) -> Filters {
        Filters {
            page,
            ..self.clone()
        }
    }

    /// The same filters sorted by another column, from the first page.
    pub fn sorted(&self, sort: SortKey) -> Filters {
        Filters {
            sort,
            page: 1,
            ..self.clone()
        }
    }
}

/// `base` with these parameters as its query string.
pub fn href(base: &str, pairs: &[(&'static str, String)]) -> String {
    if pairs.is_empty() {
        return base.to_string();
    }
    let qs = serde_urlencoded::to_string(pairs).unwrap_or_default();
    format!("{base}?{qs}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_parameters_mean_the_defaults() {
        let f = Filters::parse(Some("status=&priority=&q=+&page=")).unwrap();
        assert_eq!(f, Filters::default());
        assert!(f.all_pairs().is_empty());
    }

    #[test]
    fn every_filter_reads_back_from_its_link() {
        let raw = "status=pending&priority=high&category=3&group=none&assignee=me&level=2\
                   &type=incident&q=VPN+down&sort=-updated&per_page=50&page=3";
        let f = Filters::parse(Some(raw)).unwrap();
        assert_eq!(f.status, StatusFilter::One(Status::Pending));
        assert_eq!(f.group, GroupFilter::Nobody);
        assert_eq!(f.assignee, AssigneeFilter::Me);
        assert_eq!(f.text, "VPN down");
        assert_eq!(f.per_page, 50);
        let again = href("/x", &f.all_pairs());
        let back = Filters::parse(again.split_once('?').map(|(_, q)| q)).unwrap();
        assert_eq!(back, f);
        let q = f.to_query(UserId(7));
        assert_eq!(q.assignee, Some(Some(UserId(7))));
        assert_eq!(q.sort, Sort::UpdatedDesc);
    }

    #[test]
    fn bad_values_name_their_parameter() {
        for (raw, field) in [
            ("status=sleeping", "status"),
            ("priority=urgent", "priority"),
            ("category=x", "category"),
            ("group=-1", "group"),
            ("assignee=someone", "assignee"),
            ("level=4", "level"),
            ("type=bug", "type"),
            ("sort=colour", "sort"),
            ("page=0", "page"),
            ("per_page=1000", "per_page"),
        ] {
            assert_eq!(Filters::parse(Some(raw)).unwrap_err().field, field, "{raw}");
        }
    }

    #[test]
    fn sorting_resets_the_page_and_keeps_the_filters() {
        let f = Filters::parse(Some("priority=low&page=4")).unwrap();
        let s = f.sorted(SortKey {
            column: Column::Subject,
            descending: false,
        });
        assert_eq!(s.page, 1);
        assert_eq!(s.priority, Some(Priority::Low));
        assert_eq!(href("/q", &s.all_pairs()), "/q?priority=low&sort=subject");
    }
}
