//! Conventions of any number of members, with a usage file and an interventions log to match,
//! for the tests and the benchmark of large inputs. Standard library only, so that the
//! benchmark can use it as it is.

use std::fmt::Write;

/// Prefixes of the generated names: words shared by many members, as "Saint" is.
const PLACES: [&str; 8] = [
    "Saint-Martin",
    "Le Bourg",
    "La Roche",
    "Sainte-Marie",
    "Les Sables",
    "Port",
    "Bois-Plage",
    "Mont",
];

/// The id of generated member `i` (member 0 is the client).
pub fn member_id(i: usize) -> String {
    if i == 0 {
        "cdc".to_string()
    } else {
        format!("commune-{i}")
    }
}

/// The name of generated member `i`: a place and its number, so that no two fold alike and
/// "Martin 17" designates one member by its words alone.
pub fn member_name(i: usize) -> String {
    if i == 0 {
        "Communauté de communes".to_string()
    } else {
        format!("{}-{i}", PLACES[i % PLACES.len()])
    }
}

/// A spelling of member `i` in a usage file or a log, by turns its id, its name, its name
/// abbreviated ("St Martin 17"), and its telling words only ("Martin 17", found by words).
pub fn member_spelling(i: usize, turn: usize) -> String {
    let name = member_name(i);
    match turn % 4 {
        0 => member_id(i),
        1 => name,
        2 => name.replace("Saint-", "St ").replace("Sainte-", "Ste "),
        _ if i == 0 => "communauté".to_string(),
        _ => name
            .trim_start_matches("Saint-")
            .trim_start_matches("Sainte-")
            .trim_start_matches("Le ")
            .trim_start_matches("La ")
            .trim_start_matches("Les ")
            .replace('-', " "),
    }
}

/// The key of each of the `members - 1` members after the client, in units of 0.00004 %: they
/// sum to 2 500 000 (100 %), and each member's yearly share of the 50 000,00 € of the pool is
/// then 2 cents per unit, exactly.
pub fn key_units(members: usize) -> Vec<u64> {
    let n = members - 1;
    let total = 2_500_000u64;
    // Weights 1 to 7 by turns, the last member taking what is left.
    let weights: Vec<u64> = (0..n).map(|i| i as u64 % 7 + 1).collect();
    let sum: u64 = weights.iter().sum();
    let mut units: Vec<u64> = weights.iter().map(|w| total * w / sum).collect();
    let given: u64 = units.iter().sum();
    units[n - 1] += total - given;
    units
}

/// `body` followed by its Luhn check digit (the digit that makes the doubled-every-second-digit
/// sum a multiple of 10).
fn with_check_digit(body: &str) -> String {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            // The check digit is the first from the right: the body's first from the right is
            // the second, doubled.
            if i % 2 == 0 {
                let double = d * 2;
                double / 10 + double % 10
            } else {
                d
            }
        })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// A SIRET of member `i`: a SIREN and establishment 0001, each with its check digit.
fn siret(i: usize) -> String {
    let siren = with_check_digit(&format!("{:08}", 20_000_000 + i));
    with_check_digit(&format!("{siren}0001"))
}

/// A convention of `members` members (at least 2) from 2023 to 2024: 100 000,00 € a year, the
/// client keeping 50 %, two priced services; each member with a SIRET, an INSEE code and an
/// address; all that the titres need; and a published yearly figure for the total and each
/// member, which the computation meets exactly (see `key_units`). 2 000 members take 580 KB,
/// about 3 600 fit under the 1 MiB a convention file may hold.
pub fn convention(members: usize) -> String {
    assert!(members >= 2, "a convention needs the client and a member");
    let mut out = String::from(
        "[convention]\n\
         name = \"Conseiller mutualisé — convention générée\"\n\
         provider = \"Prestataire\"\n\
         client = \"cdc\"\n\
         start = 2023-01-01\n\
         end = 2024-12-31\n\n\
         [legal_basis]\ntitle = \"Convention générée\"\narticles = [\"7\"]\nsigned = 2022-12-01\n\n\
         [provider]\naddress = [\"1 rue du Port\", \"17000 La Rochelle\"]\n\n\
         [cost]\nlabel = \"Conseiller\"\nannual = \"100000.00\"\nfte = 100\n\n\
         [split]\nclient_share = 50\n\n",
    );
    let units = key_units(members);
    for i in 0..members {
        let _ = write!(
            out,
            "[[member]]\nid = \"{}\"\nname = \"{}\"\n",
            member_id(i),
            member_name(i)
        );
        if i > 0 {
            let micro = units[i - 1] * 40;
            let _ = writeln!(out, "key = {}.{:06}", micro / 1_000_000, micro % 1_000_000);
        }
        let _ = write!(
            out,
            "siret = \"{}\"\ninsee = \"{:02}{:03}\"\naddress = [\"Mairie\", \"{:05} {}\"]\n\n",
            siret(i),
            1 + i / 1000,
            i % 1000,
            17000 + i % 1000,
            member_name(i)
        );
    }
    out.push_str(
        "[[service]]\nid = \"formation\"\nlabel = \"Formation\"\nunit = \"jour\"\nprice = \"100.00\"\n\n\
         [[service]]\nid = \"amo\"\nlabel = \"Assistance\"\nunit = \"heure\"\nprice = \"60.00\"\n\n\
         [rebilling]\nobject = \"Participation {year} au conseiller mutualisé\"\nnature = \"70875\"\n\
         fonction = \"020\"\npayment_days = 30\n\
         ordonnateur = { name = \"Prénom Nom\", title = \"Président\" }\n\
         mentions = [\"Voies et délais de recours : deux mois.\"]\n\n",
    );
    for year in [2023, 2024] {
        let _ = writeln!(
            out,
            "[[published]]\nyear = {year}\namount = \"100000.00\"\n"
        );
        let _ = writeln!(
            out,
            "[[published]]\nyear = {year}\nmember = \"cdc\"\namount = \"50000.00\"\n"
        );
        for (i, u) in units.iter().enumerate() {
            let cents = 2 * u;
            let _ = writeln!(
                out,
                "[[published]]\nyear = {year}\nmember = \"{}\"\namount = \"{}.{:02}\"\n",
                member_id(i + 1),
                cents / 100,
                cents % 100
            );
        }
    }
    out
}

/// A usage file for `convention(members)`: `per_member` lines for each member over 2023 and
/// 2024, each member spelled in the four ways of `member_spelling` by turns.
pub fn usage(members: usize, per_member: usize) -> String {
    let mut out = String::from("date,member,service,quantity,note\n");
    for k in 0..per_member {
        for i in 0..members {
            let n = k * members + i;
            let _ = writeln!(
                out,
                "{}-{:02}-{:02},{},{},{}.{},Ligne {n}",
                2023 + n % 2,
                1 + n % 12,
                1 + n % 28,
                member_spelling(i, n),
                ["formation", "amo"][n % 2],
                1 + n % 3,
                n % 4 * 25
            );
        }
    }
    out
}

/// An interventions log for `convention(members)` in the French format of
/// examples/interventions-2021.csv: `per_member` interventions for each member in 2023.
pub fn interventions(members: usize, per_member: usize) -> String {
    let mut out = String::from("Date;Collectivité;Durée;Type;Référence\n");
    for k in 0..per_member {
        for i in 0..members {
            let n = k * members + i;
            let _ = writeln!(
                out,
                "{:02}/{:02}/2023;{};{}:{:02};Intervention sur site;DEM-{n}",
                1 + n % 28,
                1 + n % 12,
                member_spelling(i, n),
                n % 4,
                15 * (1 + n % 3)
            );
        }
    }
    out
}
