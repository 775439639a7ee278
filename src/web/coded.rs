//! Enums of fixed codes (statuses, kinds, roles): what a form posts, a row
//! stores and a `check` constraint lists, declared once as `Variant = "code"`.

/// Declares an enum from one list of `Variant = "code"` pairs, with
/// `ALL` (every value, in the listed order), `code()` and `parse()` (the code,
/// surrounding spaces ignored). Attributes pass through, so an enum read
/// straight from the row keeps `#[derive(sqlx::Type)]` with the `rename_all`
/// that spells the same codes (`tests/app/schema.rs` holds the two together).
#[macro_export]
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $code:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $($(#[$variant_meta])* $variant),+
        }

        impl $name {
            /// Every value, in the order declared.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn parse(code: &str) -> Option<Self> {
                let code = code.trim();
                Self::ALL.into_iter().find(|value| value.code() == code)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::coded_enum! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Light {
            Red = "red",
            /// Documented variants keep their docs.
            AmberBlinking = "amber_blinking",
            Green = "green",
        }
    }

    #[test]
    fn every_value_is_listed_in_order_and_parses_back_from_its_code() {
        assert_eq!(Light::ALL, [Light::Red, Light::AmberBlinking, Light::Green]);
        for light in Light::ALL {
            assert_eq!(Light::parse(light.code()), Some(light));
        }
        assert_eq!(Light::AmberBlinking.code(), "amber_blinking");
    }

    #[test]
    fn parsing_ignores_surrounding_spaces_but_nothing_else() {
        assert_eq!(Light::parse(" green\n"), Some(Light::Green));
        assert_eq!(Light::parse("Green"), None);
        assert_eq!(Light::parse("amber"), None);
        assert_eq!(Light::parse(""), None);
    }
}
