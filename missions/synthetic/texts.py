"""The names and words synthetic missions are made of."""

from missions import models as m

FIRST_NAMES = (
    "Armen Anar Alexei Aigerim Bakyt Dmitri Elena Farrukh Gulnara Igor Irina Kamila Marat "
    "Natalia Nurlan Olga Rustam Sergei Tatiana Timur Vera Viktor Zarina Yuri"
).split()
LAST_NAMES = (
    "Abdullaev Aliev Babayan Bondarenko Ermekov Ivanova Karimov Kozlov Mamedova Nazarov Orlov "
    "Petrosyan Rahimov Sadykov Smirnova Tursunov Usmanov Volkov Zhakupova"
).split()
DOCUMENT_TITLES = {
    m.Document.Kind.PRELIMINARY_STATEMENT: "Preliminary statement of the mission",
    m.Document.Kind.STATEMENT: "Statement of the mission",
    m.Document.Kind.FINAL_REPORT: "Final report of the mission",
}
POSITIONS = [
    "Member of Parliament",
    "Deputy Speaker",
    "Chair of the Committee on Legal Affairs",
    "Member of the Central Election Commission",
    "Expert of the Council Secretariat",
]
ELECTION_KINDS = [
    (m.Election.Kind.PRESIDENTIAL, "Presidential election"),
    (m.Election.Kind.PARLIAMENTARY, "Parliamentary elections"),
    (m.Election.Kind.PARLIAMENTARY_UPPER, "Elections to the upper chamber"),
    (m.Election.Kind.REFERENDUM, "Referendum"),
    (m.Election.Kind.LOCAL, "Local elections"),
]
HOSTS = [
    ("cec", "Central Election Commission", m.Organization.Kind.ELECTION_COMMISSION),
    ("parliament", "Parliament", m.Organization.Kind.LEGISLATURE),
    ("government", "Government", m.Organization.Kind.GOVERNMENT),
]
FINDINGS = [
    "Polling stations opened on time and were properly equipped.",
    "Voters could cast their ballots freely and in secret.",
    "Election commissions worked openly and professionally.",
    "Observers had unhindered access to every stage of the process.",
    "The count was transparent and the results were posted promptly.",
]
