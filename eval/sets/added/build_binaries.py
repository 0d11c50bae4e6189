"""Build the two binary documents of the "added" evaluation set from the text kept here.

    .venv/bin/python eval/sets/added/build_binaries.py

writes, next to this script:
  community-acquired-pneumonia.pdf  (reportlab; headings on their own lines, [n] markers, numbered references)
  type2-diabetes-therapy.docx       (python-docx; Title, Heading 1/2, List Bullet statements with [n] markers,
                                     references as List Number paragraphs whose text carries no number)

The output is deterministic (fixed PDF ids and dates, fixed DOCX core properties), so re-running the script on
an unchanged source gives the same files. The sentences are our own summaries of the public guidelines named
in SOURCES.md.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------------------------
# Community-acquired pneumonia (PDF). Each item: ("title" | "h1" | "h2" | "p" | "li", text).
# ---------------------------------------------------------------------------------------------------------
CAP_TITLE = "Community-Acquired Pneumonia in Adults: Antibiotic Treatment"
CAP = [
    ("title", CAP_TITLE),
    ("p", "For adult outpatients without comorbidities, amoxicillin 1 g three times daily is the recommended "
          "first-line treatment for community-acquired pneumonia [1]. Antibiotics are continued for a minimum "
          "of 5 days and until the patient is clinically stable [1, 4]."),
    ("h1", "Diagnosis and Severity"),
    ("li", "A chest radiograph is needed to confirm the diagnosis of pneumonia [1]."),
    ("li", "Sputum and blood cultures are not routinely recommended for outpatients [1]."),
    ("li", "Obtain sputum and blood cultures in severe pneumonia and in inpatients treated for MRSA or "
           "Pseudomonas aeruginosa [1]."),
    ("li", "Procalcitonin should not be used to decide whether to start antibiotics [1]."),
    ("li", "The Pneumonia Severity Index is preferred over CURB-65 when deciding whether a patient can be "
           "treated as an outpatient [1, 2]."),
    ("li", "CURB-65 gives one point each for confusion, urea above 7 mmol/L, respiratory rate of 30 or more, "
           "low blood pressure and age 65 or older [3]."),
    ("h1", "Outpatient Treatment"),
    ("h2", "Healthy adults without comorbidities"),
    ("li", "Amoxicillin 1 g three times daily is recommended first-line therapy [1]."),
    ("li", "Doxycycline 100 mg twice daily is an alternative [1]."),
    ("li", "A macrolide, azithromycin 500 mg on the first day then 250 mg daily or clarithromycin 500 mg twice "
           "daily, should be used only where pneumococcal resistance to macrolides is below 25% [1]."),
    ("h2", "Adults with comorbidities"),
    ("li", "Comorbidities include chronic heart, lung, liver or kidney disease, diabetes, alcohol dependence, "
           "malignancy and asplenia [1]."),
    ("li", "Give amoxicillin-clavulanate 875/125 mg twice daily or a cephalosporin such as cefpodoxime, "
           "combined with a macrolide or doxycycline [1]."),
    ("li", "Monotherapy with a respiratory fluoroquinolone, levofloxacin 750 mg daily or moxifloxacin 400 mg "
           "daily, is an alternative [1]."),
    ("h1", "Inpatient Treatment"),
    ("li", "For non-severe inpatient pneumonia, give a beta-lactam such as ceftriaxone 1-2 g daily plus a "
           "macrolide, or a respiratory fluoroquinolone alone [1]."),
    ("li", "For severe pneumonia, give a beta-lactam plus a macrolide, or a beta-lactam plus a respiratory "
           "fluoroquinolone [1]."),
    ("li", "Empirical cover for MRSA or Pseudomonas aeruginosa is recommended only with prior respiratory "
           "isolation of these organisms or recent hospitalization with intravenous antibiotics within 90 "
           "days [1]."),
    ("h1", "Duration"),
    ("li", "Treat for a minimum of 5 days, and continue until the patient has reached clinical stability [1, 4]."),
    ("li", "Stopping antibiotics on day 5 in clinically stable inpatients was as effective as longer "
           "treatment in a randomized trial [4]."),
    ("li", "UK guidance uses a 5-day course for low-severity pneumonia [5]."),
    ("h1", "Not Recommended"),
    ("li", "Corticosteroids should not be routinely used in adults with non-severe community-acquired "
           "pneumonia [1]."),
    ("li", "Routine anaerobic coverage is not recommended for suspected aspiration pneumonia unless a lung "
           "abscess or empyema is present [1]."),
    ("li", "Routine follow-up chest imaging is not recommended in adults whose symptoms have resolved within "
           "5 to 7 days [1]."),
    ("h1", "Special Populations"),
    ("li", "Older adults and nursing home residents are treated with the same regimens unless they have "
           "risk factors for resistant organisms [1]."),
    ("li", "Patients aged 65 and over score a point on CURB-65 for age alone [3]."),
    ("h1", "References"),
    ("ref", "Metlay JP, Waterer GW, Long AC, et al. Diagnosis and Treatment of Adults with Community-acquired "
            "Pneumonia: An Official Clinical Practice Guideline of the American Thoracic Society and Infectious "
            "Diseases Society of America. Am J Respir Crit Care Med. 2019;200:e45-e67."),
    ("ref", "Fine MJ, Auble TE, Yealy DM, et al. A prediction rule to identify low-risk patients with "
            "community-acquired pneumonia. N Engl J Med. 1997;336:243-250."),
    ("ref", "Lim WS, van der Eerden MM, Laing R, et al. Defining community acquired pneumonia severity on "
            "presentation to hospital: an international derivation and validation study. Thorax. "
            "2003;58:377-382."),
    ("ref", "Uranga A, España PP, Bilbao A, et al. Duration of antibiotic treatment in community-acquired "
            "pneumonia: a multicenter randomized clinical trial. JAMA Intern Med. 2016;176:1257-1265."),
    ("ref", "National Institute for Health and Care Excellence. Pneumonia (community-acquired): antimicrobial "
            "prescribing. NICE guideline NG138. 2019."),
]

# ---------------------------------------------------------------------------------------------------------
# Type 2 diabetes (DOCX). Same item kinds; "ref" becomes a List Number paragraph.
# ---------------------------------------------------------------------------------------------------------
T2DM_TITLE = "Type 2 Diabetes in Adults: First-line and Add-on Glucose-lowering Therapy"
T2DM = [
    ("title", T2DM_TITLE),
    ("p", "Metformin remains the preferred initial glucose-lowering medication for most adults with type 2 "
          "diabetes, together with lifestyle changes [1, 2]. In adults with established cardiovascular disease, "
          "heart failure or chronic kidney disease, an SGLT2 inhibitor or a GLP-1 receptor agonist with proven "
          "benefit is recommended regardless of HbA1c [1]."),
    ("h1", "Glycemic Targets"),
    ("li", "An HbA1c goal below 7% (53 mmol/mol) is appropriate for many non-pregnant adults [1]."),
    ("li", "A less stringent goal, such as below 8%, is appropriate for older adults with limited life "
           "expectancy or a history of severe hypoglycemia [1]."),
    ("h1", "First-line Therapy"),
    ("h2", "Metformin"),
    ("li", "Start metformin at 500 mg once daily with a meal and increase by 500 mg every week as tolerated [1]."),
    ("li", "The usual maximum effective dose of metformin is 2000 mg daily in divided doses [1]."),
    ("li", "Extended-release metformin causes fewer gastrointestinal side effects [1]."),
    ("li", "Metformin reduced diabetes-related end points and all-cause mortality in overweight patients in "
           "UKPDS 34 [3]."),
    ("li", "Metformin is contraindicated when the eGFR is below 30 mL/min/1.73 m2 [1]."),
    ("li", "Starting metformin is not recommended when the eGFR is between 30 and 45 mL/min/1.73 m2 [1]."),
    ("li", "Measure vitamin B12 periodically during long-term metformin treatment, because deficiency can "
           "occur [1]."),
    ("h2", "Early combination and insulin"),
    ("li", "Consider initial combination therapy when the HbA1c is 1.5% or more above the target [1]."),
    ("li", "Start insulin when the HbA1c is above 10% or blood glucose is 300 mg/dL or higher, or when there "
           "are symptoms of catabolism such as weight loss [1]."),
    ("li", "Basal insulin can be started at 10 units a day or 0.1 to 0.2 units/kg a day [1]."),
    ("h1", "Add-on Therapy"),
    ("h2", "Cardiovascular and kidney disease"),
    ("li", "In established atherosclerotic cardiovascular disease, use a GLP-1 receptor agonist or an SGLT2 "
           "inhibitor with proven cardiovascular benefit [1, 2]."),
    ("li", "Empagliflozin reduced cardiovascular death in the EMPA-REG OUTCOME trial [4]."),
    ("li", "Liraglutide reduced major adverse cardiovascular events in the LEADER trial [5]."),
    ("li", "In heart failure or chronic kidney disease, an SGLT2 inhibitor is preferred and can be started "
           "when the eGFR is 20 mL/min/1.73 m2 or higher [1]."),
    ("h2", "Other add-on options"),
    ("li", "Empagliflozin 10 mg once daily and dapagliflozin 10 mg once daily are the usual SGLT2 inhibitor "
           "doses [1]."),
    ("li", "Sitagliptin 100 mg once daily is a weight-neutral DPP-4 inhibitor option with a low risk of "
           "hypoglycemia [1]."),
    ("li", "Sulfonylureas such as glipizide are inexpensive and effective but cause hypoglycemia and weight "
           "gain [1]."),
    ("h1", "Not Recommended"),
    ("li", "A DPP-4 inhibitor should not be combined with a GLP-1 receptor agonist, because the combination "
           "adds no further glucose lowering [1]."),
    ("li", "SGLT2 inhibitors should be stopped at least 3 days before scheduled surgery because of the risk "
           "of euglycemic ketoacidosis [1]."),
    ("h1", "Side Effects"),
    ("li", "SGLT2 inhibitors increase the risk of genital fungal infections [1]."),
    ("li", "GLP-1 receptor agonists commonly cause nausea, vomiting and diarrhea, which usually settle with "
           "slow dose escalation [1]."),
    ("h1", "Special Populations"),
    ("li", "Insulin is the preferred glucose-lowering agent in pregnancy, because metformin and glyburide "
           "cross the placenta [1]."),
    ("li", "In older adults, avoid regimens with a high risk of hypoglycemia and simplify treatment where "
           "possible [1]."),
    ("h1", "References"),
    ("ref", "American Diabetes Association Professional Practice Committee. 9. Pharmacologic approaches to "
            "glycemic treatment: Standards of Care in Diabetes—2024. Diabetes Care. 2024;47(Suppl 1):S158-S178."),
    ("ref", "Davies MJ, Aroda VR, Collins BS, et al. Management of hyperglycemia in type 2 diabetes, 2022. A "
            "consensus report by the American Diabetes Association (ADA) and the European Association for the "
            "Study of Diabetes (EASD). Diabetes Care. 2022;45:2753-2786."),
    ("ref", "UK Prospective Diabetes Study (UKPDS) Group. Effect of intensive blood-glucose control with "
            "metformin on complications in overweight patients with type 2 diabetes (UKPDS 34). Lancet. "
            "1998;352:854-865."),
    ("ref", "Zinman B, Wanner C, Lachin JM, et al. Empagliflozin, cardiovascular outcomes, and mortality in "
            "type 2 diabetes. N Engl J Med. 2015;373:2117-2128."),
    ("ref", "Marso SP, Daniels GH, Brown-Frandsen K, et al. Liraglutide and cardiovascular outcomes in type 2 "
            "diabetes. N Engl J Med. 2016;375:311-322."),
]


def build_pdf(path: Path) -> None:
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from xml.sax.saxutils import escape

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # Bitstream Vera ships with reportlab; an embedded TrueType font gives the text layer a Unicode map, so
    # the bullet and "ñ" extract as themselves (the built-in Helvetica turns "•" into U+007F).
    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    pdfmetrics.registerFont(TTFont("VeraBd", "VeraBd.ttf"))
    styles = getSampleStyleSheet()
    for name in ("Title", "Heading2", "Heading3"):
        styles[name].fontName = "VeraBd"
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName="Vera", alignment=TA_LEFT, spaceAfter=4)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2, bulletFontName="Vera")
    story = []
    ref_n = 0
    for kind, text in CAP:
        t = escape(text)
        if kind == "title":
            story.append(Paragraph(t, styles["Title"]))
        elif kind == "h1":
            story.append(Paragraph(t, styles["Heading2"]))
        elif kind == "h2":
            story.append(Paragraph(t, styles["Heading3"]))
        elif kind == "p":
            story.append(Paragraph(t, body))
        elif kind == "li":
            story.append(Paragraph(t, bullet, bulletText="•"))
        elif kind == "ref":
            ref_n += 1
            story.append(Paragraph(f"{ref_n}. {t}", body))
        story.append(Spacer(1, 1 * mm))
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=CAP_TITLE, author="Example Health guideline group",
                            subject="Community-acquired pneumonia", creator="build_binaries.py",
                            leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
                            invariant=1)
    doc.build(story)


def build_docx(path: Path) -> None:
    from docx import Document

    doc = Document()
    for kind, text in T2DM:
        if kind == "title":
            doc.add_paragraph(text, style="Title")
        elif kind == "h1":
            doc.add_paragraph(text, style="Heading 1")
        elif kind == "h2":
            doc.add_paragraph(text, style="Heading 2")
        elif kind == "p":
            doc.add_paragraph(text)
        elif kind == "li":
            doc.add_paragraph(text, style="List Bullet")
        elif kind == "ref":
            doc.add_paragraph(text, style="List Number")
    props = doc.core_properties
    props.title = T2DM_TITLE
    props.author = "Example Health guideline group"
    props.created = props.modified = dt.datetime(2025, 3, 1, 9, 0, 0)
    props.last_modified_by = "Example Health guideline group"
    props.revision = 1
    doc.save(str(path))


def main() -> None:
    pdf = HERE / "community-acquired-pneumonia.pdf"
    docx = HERE / "type2-diabetes-therapy.docx"
    build_pdf(pdf)
    build_docx(docx)
    print(f"wrote {pdf.name} ({pdf.stat().st_size} bytes) and {docx.name} ({docx.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
